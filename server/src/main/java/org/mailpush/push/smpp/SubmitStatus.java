package org.mailpush.push.smpp;

/**
 * What an SMSC's {@code command_status} on a {@code submit_sm_resp} means for the message (SMPP 3.4
 * §5.1.3): the number is no good, the SMSC is busy for now, or the message failed.
 */
enum SubmitStatus {
    /** Taken. */
    OK,
    /** The destination can never be reached: the channel is gone. */
    PERMANENT,
    /** Throttled, queue full or a passing system error: try again after a wait. */
    TRANSIENT,
    /** Anything else, most likely our request or account: failed, not retried. */
    FAILED;

    static final int ESME_RSYSERR = 0x08;
    static final int ESME_RINVDSTADR = 0x0B;
    static final int ESME_RMSGQFUL = 0x14;
    static final int ESME_RTHROTTLED = 0x58;
    static final int ESME_RX_T_APPN = 0x64;
    static final int ESME_RX_P_APPN = 0x65;

    static SubmitStatus of(int commandStatus) {
        return switch (commandStatus) {
            case 0 -> OK;
            case ESME_RINVDSTADR, ESME_RX_P_APPN -> PERMANENT;
            case ESME_RTHROTTLED, ESME_RMSGQFUL, ESME_RSYSERR, ESME_RX_T_APPN -> TRANSIENT;
            default -> FAILED;
        };
    }

    /** The status as the reason names it: "ESME_RTHROTTLED (0x58)". */
    static String name(int commandStatus) {
        String name = switch (commandStatus) {
            case ESME_RSYSERR -> "ESME_RSYSERR";
            case ESME_RINVDSTADR -> "ESME_RINVDSTADR";
            case ESME_RMSGQFUL -> "ESME_RMSGQFUL";
            case ESME_RTHROTTLED -> "ESME_RTHROTTLED";
            case ESME_RX_T_APPN -> "ESME_RX_T_APPN";
            case ESME_RX_P_APPN -> "ESME_RX_P_APPN";
            default -> "command_status";
        };
        return name + " (0x" + Integer.toHexString(commandStatus) + ")";
    }
}
