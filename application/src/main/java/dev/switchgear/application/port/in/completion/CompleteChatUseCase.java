package dev.switchgear.application.port.in.completion;

import dev.switchgear.application.port.in.identity.Caller;

/** Answers a chat completion through an upstream provider and charges the caller's account. */
public interface CompleteChatUseCase {

    ChatCompletion complete(Caller caller, ChatRequest request);
}
