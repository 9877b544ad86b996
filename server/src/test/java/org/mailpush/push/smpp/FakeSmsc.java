package org.mailpush.push.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;

/**
 * An SMSC on loopback, from jSMPP's server side: accepts binds with the expected password, records
 * every submit_sm, and answers the next ones with the statuses a test queues.
 */
final class FakeSmsc implements AutoCloseable {
    final BlockingQueue<SubmitSm> submits = new LinkedBlockingQueue<>();
    final BlockingQueue<BindRequest> binds = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> refusals = new ConcurrentLinkedQueue<>();
    private final SMPPServerSessionListener listener;
    private final ConcurrentLinkedQueue<SMPPServerSession> sessions = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;
    private volatile ServerSocket socket;

    FakeSmsc(int port) throws IOException {
        this.listener = new SMPPServerSessionListener(port, 0, 50, new Loopback());
        listener.setMessageReceiverListener(new Receiver());
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next submit_sm is answered with this command_status. */
    void refuseNext(int commandStatus) {
        refusals.add(commandStatus);
    }

    SubmitSm nextSubmit() throws InterruptedException {
        SubmitSm submit = submits.poll(10, TimeUnit.SECONDS);
        if (submit == null) {
            throw new AssertionError("no submit_sm came within 10 s");
        }
        return submit;
    }

    private void accept() {
        while (true) {
            try {
                SMPPServerSession session = listener.accept();
                sessions.add(session);
                BindRequest bind = session.waitForBind(5000);
                binds.add(bind);
                if (bind.getPassword().equals("secret")) {
                    bind.accept("fakesmsc");
                } else {
                    bind.reject(0x0E); // ESME_RINVPASWD
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        sessions.forEach(SMPPServerSession::close);
        listener.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Listens on loopback, keeping the socket so that a test can learn the port it got. */
    private final class Loopback implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            var server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            server.setSoTimeout(timeout);
            socket = server;
            return new ServerSocketConnection(server);
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            submits.add(submitSm);
            Integer refusal = refusals.poll();
            if (refusal != null) {
                throw new ProcessRequestException("refused", refusal);
            }
            try {
                return new SubmitSmResult(new MessageId(Integer.toHexString(submits.size())), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), 0x08);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", 0x03);
        }
    }
}
