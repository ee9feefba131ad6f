package org.tegami.store;

/**
 * What FETCH needs of a message beyond its flags, read in one range scan for many messages.
 *
 * @param internalTz offset of the internal date from UTC in minutes (as given to APPEND)
 * @param blob SHA-256 of the stored bytes (the {@link BlobStore} key), when content was asked for
 * @param structure the cached structure (mime.StructureCodec), or null if not asked for
 * @param inline the message bytes when stored inline and asked for, else null (read the blob)
 */
public record MessageData(long uid, long internalDate, int internalTz, long size, long contentId, String blob,
        byte[] structure, byte[] inline) {}
