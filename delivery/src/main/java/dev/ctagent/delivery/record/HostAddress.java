package dev.ctagent.delivery.record;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;

/**
 * sourceIPAddress of the calls this JVM makes: the first address of an interface that is up and not a
 * loopback (IPv4 preferred), found once without a DNS lookup; {@code 127.0.0.1} on a host without one.
 */
final class HostAddress {
    private String address;

    String get() {
        if (address == null) {
            address = find();
        }
        return address;
    }

    private static String find() {
        String v6 = null;
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                NetworkInterface ni = interfaces.nextElement();
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual()) {
                    continue;
                }
                Enumeration<InetAddress> addresses = ni.getInetAddresses();
                while (addresses.hasMoreElements()) {
                    InetAddress a = addresses.nextElement();
                    if (a.isLinkLocalAddress() || a.isLoopbackAddress()) {
                        continue;
                    }
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                    if (v6 == null) {
                        String text = a.getHostAddress();
                        int zone = text.indexOf('%');
                        v6 = zone < 0 ? text : text.substring(0, zone);
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // fall through to loopback
        }
        return v6 != null ? v6 : "127.0.0.1";
    }
}
