package dev.switchgear.adapter.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * The vectors of the simulator's embedding model {@code sim-embed}: deterministic, so a text always
 * gets the same vector and different texts (almost surely) different ones. The seed is the first 8
 * bytes of the SHA-256 of the input (its UTF-8 text, or its token ids), the values Gaussian from
 * that seed, and the vector scaled to unit length, as OpenAI's embeddings are.
 */
final class SimulatedEmbeddings {

    /** The dimensions of a vector when the request names none. */
    static final int DEFAULT_DIMENSIONS = 256;
    /** The most dimensions the simulator gives. */
    static final int MAX_DIMENSIONS = 4096;

    private SimulatedEmbeddings() {
    }

    /** The vector of a text. */
    static float[] of(String text, int dimensions) {
        return fromSeed(seed(text.getBytes(StandardCharsets.UTF_8)), dimensions);
    }

    /** The vector of token ids. */
    static float[] of(int[] tokens, int dimensions) {
        ByteBuffer bytes = ByteBuffer.allocate(tokens.length * Integer.BYTES + 1);
        bytes.put((byte) 't');
        for (int token : tokens) {
            bytes.putInt(token);
        }
        return fromSeed(seed(bytes.array()), dimensions);
    }

    private static float[] fromSeed(long seed, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = gaussian(random);
            norm += values[i] * values[i];
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (norm == 0 ? (i == 0 ? 1 : 0) : values[i] / norm);
        }
        return vector;
    }

    /** A standard normal value (Box–Muller), from the seeded generator only. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    private static long seed(byte[] input) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(input)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
