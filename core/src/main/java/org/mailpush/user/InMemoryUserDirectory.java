package org.mailpush.user;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UserDirectory} held in memory, for tests and the offline tools. */
public final class InMemoryUserDirectory implements UserDirectory {
    private final Map<UserId, User> users = new ConcurrentHashMap<>();

    @Override
    public synchronized AddResult add(User user) {
        if (users.containsKey(user.id())) {
            return AddResult.ID_TAKEN;
        }
        if (user.addresses().stream().anyMatch(a -> owner(a).isPresent())) {
            return AddResult.ADDRESS_TAKEN;
        }
        users.put(user.id(), user);
        return AddResult.ADDED;
    }

    @Override
    public Optional<User> find(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public Optional<UserId> owner(MailAddress address) {
        return users.values().stream().filter(u -> u.addresses().contains(address)).map(User::id).findFirst();
    }

    @Override
    public boolean servesDomain(String domain) {
        return users.values().stream().flatMap(u -> u.addresses().stream()).anyMatch(a -> a.domain().equals(domain));
    }

    @Override
    public List<User> list() {
        return users.values().stream().sorted(java.util.Comparator.comparing(u -> u.id().value())).toList();
    }

    @Override
    public synchronized boolean remove(UserId id) {
        return users.remove(id) != null;
    }
}
