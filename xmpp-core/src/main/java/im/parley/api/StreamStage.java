package im.parley.api;

/** The stages of stream negotiation at which features are offered. */
public enum StreamStage {
    /** Before authentication (after TLS where TLS is required), e.g. in-band registration. */
    BEFORE_AUTH,
    /** After authentication, beside resource binding, e.g. stream management, CSI, roster versioning. */
    AFTER_AUTH
}
