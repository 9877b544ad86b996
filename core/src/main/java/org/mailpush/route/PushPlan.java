package org.mailpush.route;

import java.util.List;
import java.util.Objects;
import org.mailpush.device.DeviceId;
import org.mailpush.user.UserId;

/**
 * The push instruction for one mail (SPEC S3, X4): for each of the user's terminals what it gets,
 * where, and why; which rule decided; and the trail of rules tried before it.
 */
public record PushPlan(UserId user, Decision decidedBy, List<PushTarget> targets, List<String> trail) {
    public PushPlan {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(decidedBy, "decidedBy");
        targets = List.copyOf(targets);
        trail = List.copyOf(trail);
    }

    public List<PushTarget> withAction(PushAction action) {
        return targets.stream().filter(t -> t.action() == action).toList();
    }

    public List<DeviceId> devicesWith(PushAction action) {
        return withAction(action).stream().map(PushTarget::device).toList();
    }
}
