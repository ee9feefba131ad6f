package org.tegami.pipeline;

/** Test access to the header scan of {@link SignatureStage} from other packages (fuzzing). */
public final class SignatureStageAccess {

    private SignatureStageAccess() {}

    public static boolean mentions(byte[] content) {
        return SignatureStage.mentionsSignatureHeader(content);
    }
}
