package org.mailpush.bench.host;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;

/**
 * GreenMail's SMTP and IMAP servers with Nagle's algorithm switched off on their connections, as
 * real mail servers have it. GreenMail as shipped leaves it on, and then an IMAP response written
 * in several pieces waits for the client's delayed acknowledgement — 40 ms on Linux — which would
 * measure that, not IDLE.
 */
final class GreenMailServers implements AutoCloseable {
    private final Managers managers = new Managers();
    private final SmtpServer smtp = new SmtpServer(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), managers) {
        @Override
        protected void handleClientSocket(Socket socket) throws SocketException {
            socket.setTcpNoDelay(true);
            super.handleClientSocket(socket);
        }
    };
    private final AbstractServer imap = new AbstractServer(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP), managers) {
        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
        }

        @Override
        protected void handleClientSocket(Socket socket) throws SocketException {
            socket.setTcpNoDelay(true);
            super.handleClientSocket(socket);
        }
    };

    /** Starts both servers with a mailbox for each address. */
    GreenMailServers(String password, List<String> addresses) {
        try {
            for (String address : addresses) {
                managers.getUserManager().createUser(address, address, password);
            }
        } catch (UserException e) {
            throw new IllegalStateException(e);
        }
        smtp.startService();
        imap.startService();
        try {
            if (!smtp.waitTillRunning(30_000) || !imap.waitTillRunning(30_000)) {
                throw new IllegalStateException("GreenMail did not start within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int smtpPort() {
        return smtp.getPort();
    }

    int imapPort() {
        return imap.getPort();
    }

    @Override
    public void close() {
        imap.stopService();
        smtp.stopService();
    }
}
