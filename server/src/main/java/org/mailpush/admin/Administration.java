package org.mailpush.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.auth.Passwords;
import org.mailpush.ingest.upstream.UpstreamGuard;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.Credentials;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What an administrator does — users, their devices and upstream accounts — over the store ports, the same
 * whether it is asked through the HTTP admin API of a running server or by the command line on a
 * stopped one.
 */
public final class Administration {
    /** The stores administration works on. */
    public record Stores(UserDirectory users, Credentials credentials, UpstreamAccounts accounts, DeviceRegistry devices,
            DeviceTokens tokens) {}

    /**
     * What a running server must hear of.
     *
     * @param accountAdded   an account was added: watch it at once
     * @param accountRemoved an account was removed: stop its watcher
     * @param deviceRevoked  a device was revoked or re-enrolled: close its connection
     * @param signedOff      a user's password was set, or the user removed: end their web sessions
     */
    public record Listeners(Consumer<UpstreamAccount> accountAdded, Consumer<UpstreamAccountId> accountRemoved,
            Consumer<DeviceId> deviceRevoked, Consumer<UserId> signedOff) {
        /** For a server that is not running: nobody to tell. */
        public static final Listeners NONE = new Listeners(account -> { }, id -> { }, id -> { }, user -> { });
    }

    /** A device just enrolled, with its token: shown this once, kept only as a hash. */
    public record Enrolled(Device device, String token) {
        @Override
        public String toString() {
            return "Enrolled[" + device.id() + ", token=******]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserDirectory users;
    private final Credentials credentials;
    private final Passwords passwords = new Passwords();
    private final UpstreamAccounts accounts;
    private final DeviceRegistry devices;
    private final DeviceTokens tokens;
    private final Listeners listeners;
    private final UpstreamGuard guard;

    /** An administration that refuses upstream accounts on private addresses. */
    public Administration(Stores stores, Listeners listeners) {
        this(stores, listeners, new UpstreamGuard(false));
    }

    /** @param guard decides which upstream hosts accounts may name */
    public Administration(Stores stores, Listeners listeners, UpstreamGuard guard) {
        this.guard = guard;
        this.users = stores.users();
        this.credentials = stores.credentials();
        this.accounts = stores.accounts();
        this.devices = stores.devices();
        this.tokens = stores.tokens();
        this.listeners = listeners;
    }

    public UserDirectory.AddResult addUser(User user) {
        return users.add(user);
    }

    /**
     * Sets a user's password (hashed with a slow KDF); false when there is no such user.
     *
     * @throws IllegalArgumentException when the password is too short
     */
    public boolean setPassword(UserId user, String password) {
        if (users.find(user).isEmpty()) {
            return false;
        }
        credentials.set(user, passwords.hash(password));
        listeners.signedOff().accept(user);
        return true;
    }

    public List<User> users() {
        return users.list();
    }

    public Optional<User> user(UserId id) {
        return users.find(id);
    }

    /** Removes a user with their upstream accounts and devices (watchers stop, connections close) and all their data. */
    public boolean removeUser(UserId id) {
        if (users.find(id).isEmpty()) {
            return false;
        }
        for (UpstreamAccount account : accounts.accountsOf(id)) {
            removeAccount(account.id());
        }
        for (Device device : devices.devicesOf(id)) {
            revokeDevice(id, device.id());
        }
        boolean removed = users.remove(id);
        listeners.signedOff().accept(id);
        return removed;
    }

    /**
     * Enrols a device for a user — or enrols it again, which replaces its token — and issues a token.
     *
     * @return empty when the user does not exist or the device id belongs to another user
     */
    public Optional<Enrolled> enrolDevice(Device device) {
        if (users.find(device.owner()).isEmpty() || !devices.save(device)) {
            return Optional.empty();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.issue(device.id(), TokenHash.of(token));
        listeners.deviceRevoked().accept(device.id());
        return Optional.of(new Enrolled(device, token));
    }

    /**
     * Saves a changed device — its name, capabilities or addresses — keeping its token and its
     * connection; false when its owner has no device of that id.
     */
    public boolean updateDevice(Device device) {
        if (devices.find(device.id()).filter(d -> d.owner().equals(device.owner())).isEmpty()) {
            return false;
        }
        return devices.save(device);
    }

    public List<Device> devicesOf(UserId owner) {
        return devices.devicesOf(owner);
    }

    /** Revokes a device: its token stops working and its connection closes at once. */
    public boolean revokeDevice(UserId owner, DeviceId id) {
        if (devices.find(id).filter(d -> d.owner().equals(owner)).isEmpty()) {
            return false;
        }
        tokens.revoke(id);
        devices.remove(owner, id);
        listeners.deviceRevoked().accept(id);
        return true;
    }

    /** Adds an upstream account for an existing user, with TLS; empty when there is no such user. */
    public Optional<UpstreamAccount> addAccount(UserId owner, UpstreamServer server) {
        return addAccount(owner, server, false);
    }

    /**
     * Adds an upstream account for an existing user; empty when there is no such user.
     *
     * @param plaintextConfirmed the user confirmed a login in clear text ({@code tls none}) to a host
     *                           beyond the server's own network
     * @throws IllegalArgumentException naming the reason when the {@link UpstreamGuard} refuses the host
     */
    public Optional<UpstreamAccount> addAccount(UserId owner, UpstreamServer server, boolean plaintextConfirmed) {
        if (users.find(owner).isEmpty()) {
            return Optional.empty();
        }
        guard.refusal(server, plaintextConfirmed).ifPresent(refusal -> {
            throw new IllegalArgumentException(refusal);
        });
        UpstreamAccount account = accounts.add(owner, server);
        listeners.accountAdded().accept(account);
        return Optional.of(account);
    }

    public List<UpstreamAccount> accountsOf(UserId owner) {
        return accounts.accountsOf(owner);
    }

    public boolean removeAccount(UpstreamAccountId id) {
        boolean removed = accounts.remove(id);
        if (removed) {
            listeners.accountRemoved().accept(id);
        }
        return removed;
    }
}
