package org.mailpush.ingest.mime;

import java.util.Set;

/**
 * What a part is to the reader, which decides whether it counts as a picture, as an attachment, or gives
 * the preview. The rule, in order:
 * <ol>
 *   <li>multipart/* is a {@link #CONTAINER}: its parts are looked at instead;</li>
 *   <li>image/* is a picture, inline or attached; it is also listed as an attachment type only when
 *       Content-Disposition says {@code attachment}. An inline picture (in multipart/related, or marked
 *       inline, or unmarked) is shown with the text, so the pictures count already says what a terminal
 *       needs for it;</li>
 *   <li>a detached signature (application/pgp-signature, application/pkcs7-signature) is a
 *       {@link #SIGNATURE}: no content a reader opens;</li>
 *   <li>text/* is the mail's {@link #TEXT}, unless Content-Disposition says {@code attachment} or the
 *       part carries a file name (filename or name parameter), which makes it an attachment;</li>
 *   <li>anything else (application/*, audio/*, video/*, message/rfc822, ...) is an {@link #ATTACHMENT},
 *       whatever its disposition and also when it is the whole message: a reader needs something that
 *       opens it. message/rfc822 is not descended into.</li>
 * </ol>
 */
enum PartKind {
    CONTAINER(false, false),
    TEXT(false, false),
    INLINE_PICTURE(true, false),
    ATTACHED_PICTURE(true, true),
    SIGNATURE(false, false),
    ATTACHMENT(false, true);

    private static final Set<String> SIGNATURES = Set.of(
            "application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature");

    private final boolean picture;
    private final boolean attachment;

    PartKind(boolean picture, boolean attachment) {
        this.picture = picture;
        this.attachment = attachment;
    }

    static PartKind of(PartHeaders part) {
        String type = part.mediaType();
        if (part.multipart()) {
            return CONTAINER;
        }
        if (type.startsWith("image/")) {
            return part.attachmentDisposition() ? ATTACHED_PICTURE : INLINE_PICTURE;
        }
        if (SIGNATURES.contains(type)) {
            return SIGNATURE;
        }
        if (type.startsWith("text/")) {
            return part.attachmentDisposition() || part.named() ? ATTACHMENT : TEXT;
        }
        return ATTACHMENT;
    }

    boolean picture() {
        return picture;
    }

    boolean attachment() {
        return attachment;
    }
}
