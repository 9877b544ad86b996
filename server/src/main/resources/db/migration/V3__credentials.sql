-- Each user's password hash (PBKDF2, see org.mailpush.auth.Passwords), for the web app and for
-- enrolling terminals. A user without a row cannot log in. Goes with the user.
CREATE TABLE user_credentials (
    user_id       VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    password_hash VARCHAR(255) NOT NULL
);
