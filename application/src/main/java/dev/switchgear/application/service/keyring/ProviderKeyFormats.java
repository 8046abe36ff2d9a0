package dev.switchgear.application.service.keyring;

import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key formats of the requirements' Appendix A, and of the other providers the catalog knows.
 * A format check catches a key pasted into the wrong provider or truncated; only a live test says
 * whether the provider accepts it. Where the Appendix is older than a provider's current keys
 * (OpenAI project keys are far longer than 51 characters, Together issues {@code tgp_v1_} keys),
 * both shapes are accepted.
 */
public final class ProviderKeyFormats {

    /** A provider's display name, the format as a person reads it, and the pattern a key must match. */
    public record Format(String name, String description, Pattern pattern, String visiblePrefix) {
    }

    public static final String CUSTOM = "custom";
    private static final Pattern GENERIC = Pattern.compile("[\\x21-\\x7e]{16,512}");
    private static final Map<String, Format> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("openai", new Format("OpenAI", "starts with sk- or sk-proj-, 40 to 300 characters",
                Pattern.compile("sk-(?!ant-)[A-Za-z0-9_-]{37,297}"), "sk-"));
        KNOWN.put("anthropic", new Format("Anthropic", "starts with sk-ant-, at least 64 characters",
                Pattern.compile("sk-ant-[A-Za-z0-9_-]{57,250}"), "sk-ant-"));
        KNOWN.put("huggingface", new Format("HuggingFace", "starts with hf_, 37 characters",
                Pattern.compile("hf_[A-Za-z0-9]{34}"), "hf_"));
        KNOWN.put("cohere", new Format("Cohere", "no prefix, 40 letters and digits",
                Pattern.compile("[A-Za-z0-9]{40}"), ""));
        KNOWN.put("together", new Format("Together AI", "no prefix, 64 hex characters (or a tgp_v1_ key)",
                Pattern.compile("[a-f0-9]{64}|tgp_v1_[A-Za-z0-9_-]{30,120}"), ""));
        KNOWN.put("perplexity", new Format("Perplexity", "starts with pplx-, variable length",
                Pattern.compile("pplx-[A-Za-z0-9_-]{20,200}"), "pplx-"));
        KNOWN.put("groq", new Format("Groq", "starts with gsk_, 56 characters",
                Pattern.compile("gsk_[A-Za-z0-9]{52}"), "gsk_"));
        KNOWN.put(CUSTOM, new Format("Custom OpenAI-compatible endpoint", "any key your endpoint accepts, 16 to 512 characters",
                Pattern.compile("[\\x21-\\x7e]{16,512}"), ""));
        KNOWN.put("gemini", new Format("Google Gemini", "starts with AIza, 39 characters",
                Pattern.compile("AIza[A-Za-z0-9_-]{35}"), "AIza"));
        KNOWN.put("openrouter", new Format("OpenRouter", "starts with sk-or-, at least 40 characters",
                Pattern.compile("sk-or-[A-Za-z0-9_-]{34,200}"), "sk-or-"));
        KNOWN.put("fireworks", new Format("Fireworks AI", "starts with fw_, or 48 letters and digits",
                Pattern.compile("fw_[A-Za-z0-9]{20,100}|[A-Za-z0-9]{48}"), "fw_"));
        KNOWN.put("deepinfra", new Format("DeepInfra", "no prefix, 32 letters and digits",
                Pattern.compile("[A-Za-z0-9]{32}"), ""));
    }

    private ProviderKeyFormats() {
    }

    /** Every provider with a specific format, in the order the requirements list them. */
    public static Map<String, Format> known() {
        return java.util.Collections.unmodifiableMap(KNOWN);
    }

    /** The format for a provider: its own, or a generic one for a provider the catalog added. */
    public static Format of(String provider) {
        return Optional.ofNullable(KNOWN.get(provider)).orElseGet(() -> new Format(provider,
                "16 to 512 printable characters", GENERIC, ""));
    }

    /** Refuses a key that does not match its provider's format; the message never quotes the key. */
    public static void check(String provider, String key) {
        Format format = of(provider);
        if (key == null || !format.pattern().matcher(key).matches()) {
            throw new KeyringException(KeyringError.INVALID_KEY,
                    "this does not look like a " + format.name() + " key (" + format.description() + ")");
        }
    }

    /** The preview a user recognises: the provider's prefix, an ellipsis, and the last 4 characters. */
    public static String mask(String provider, String key) {
        String prefix = of(provider).visiblePrefix();
        if (prefix.isEmpty() || !key.startsWith(prefix)) {
            prefix = "";
        }
        if (key.startsWith("sk-proj-")) {
            prefix = "sk-proj-";
        }
        return prefix + "…" + key.substring(key.length() - 4);
    }

    /**
     * A fingerprint that tells two keys apart: 64 bits of SHA-256 over the provider and the key.
     * Provider keys carry well over 128 bits of entropy, so the fingerprint reveals nothing usable.
     */
    public static String fingerprint(String provider, String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("switchgear-byok\0" + provider + "\0").getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
