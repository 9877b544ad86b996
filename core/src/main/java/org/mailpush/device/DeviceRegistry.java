package org.mailpush.device;

import java.util.List;
import java.util.Optional;
import org.mailpush.user.UserId;

/** The users' terminals. Implementations are safe for concurrent use. */
public interface DeviceRegistry {

    /**
     * Adds a device, or replaces the device of the same id and owner; false when the id belongs to
     * another user. The owner is a user of the {@link org.mailpush.user.UserDirectory}: a store that
     * keeps users and devices together refuses any other with a {@link org.mailpush.mail.StoreException}.
     */
    boolean save(Device device);

    Optional<Device> find(DeviceId id);

    /** A user's devices, ordered by id. */
    List<Device> devicesOf(UserId owner);

    /** Removes a device of this owner; false when the owner has no such device. */
    boolean remove(UserId owner, DeviceId id);
}
