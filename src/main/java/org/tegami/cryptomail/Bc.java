package org.tegami.cryptomail;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance this package passes to every JCA/JCE call. It is never
 * registered with {@code java.security.Security}: a leaf library does not change process state.
 */
final class Bc {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {}
}
