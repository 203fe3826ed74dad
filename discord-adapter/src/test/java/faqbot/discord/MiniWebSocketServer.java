package faqbot.discord;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal RFC 6455 websocket server on the JDK, enough for a real client (JDA's
 * nv-websocket-client) to talk to: the HTTP upgrade handshake, masked client frames (text,
 * continuation, ping, close), unmasked server text frames. One thread per connection.
 */
final class MiniWebSocketServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  interface Handler {
    void onOpen(Connection connection);

    void onText(Connection connection, String text);

    void onClose(Connection connection, int code);
  }

  private final ServerSocket server;
  private final Handler handler;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  MiniWebSocketServer(Handler handler) throws IOException {
    this.handler = handler;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fake-gateway-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  List<Connection> connections() {
    return connections;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "fake-gateway-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
        return;
      }
    }
  }

  private void serve(Socket socket) {
    Connection c = null;
    int closeCode = 1006;
    try (socket) {
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      String key = handshake(in);
      if (key == null) {
        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      c = new Connection(socket, out);
      connections.add(c);
      handler.onOpen(c);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      int messageOpcode = -1;
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if (!masked) {
          throw new IOException("client frames must be masked (RFC 6455 5.1)");
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        switch (opcode) {
          case 0x0: case 0x1: case 0x2:
            if (opcode != 0) {
              messageOpcode = opcode;
              message.reset();
            }
            message.write(payload);
            if (fin) {
              if (messageOpcode == 0x1) {
                handler.onText(c, message.toString(StandardCharsets.UTF_8));
              }
              message.reset();
            }
            break;
          case 0x8:
            closeCode = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            c.sendFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
            return;
          case 0x9:
            c.sendFrame(0xA, payload);
            break;
          default:
            break;
        }
      }
    } catch (EOFException e) {
      // the client went away without a close frame
    } catch (IOException e) {
      if (!closed && !socket.isClosed()) {
        System.err.println("fake gateway connection failed: " + e);
      }
    } finally {
      if (c != null) {
        connections.remove(c);
        handler.onClose(c, closeCode);
      }
    }
  }

  private static String handshake(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String key = null;
    boolean upgrade = false;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("sec-websocket-key")) {
        key = value;
      } else if (name.equals("upgrade") && value.equalsIgnoreCase("websocket")) {
        upgrade = true;
      }
    }
    return upgrade ? key : null;
  }

  private static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder().encodeToString(
          sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Connection c : connections) {
      c.abort();
    }
  }

  /** One client connection; sends are serialized. */
  static final class Connection {
    private final Socket socket;
    private final OutputStream out;

    Connection(Socket socket, OutputStream out) {
      this.socket = socket;
      this.out = out;
    }

    void sendText(String text) {
      try {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException("fake gateway could not send", e);
      }
    }

    /** Closes with a close frame, as Discord does when it ends a session. */
    void close(int code) {
      try {
        sendFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
      } catch (IOException e) {
        abort();
      }
    }

    synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
      ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
      frame.write(0x80 | opcode);
      if (payload.length < 126) {
        frame.write(payload.length);
      } else if (payload.length <= 0xFFFF) {
        frame.write(126);
        frame.write(payload.length >> 8);
        frame.write(payload.length);
      } else {
        frame.write(127);
        long len = payload.length;
        for (int i = 7; i >= 0; i--) {
          frame.write((int) (len >> (8 * i)));
        }
      }
      frame.write(payload);
      out.write(frame.toByteArray());
      out.flush();
    }

    void abort() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
