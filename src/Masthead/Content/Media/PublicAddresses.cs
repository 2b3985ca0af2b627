using System.Net;
using System.Net.Sockets;

namespace Masthead.Content.Media;

/// <summary>Which addresses a server-side fetch may connect to: only the public internet. Loopback, private
/// networks, link-local (cloud metadata at 169.254.169.254 among them), shared carrier NAT, multicast and the
/// reserved ranges are refused, so an editor's URL cannot make the server reach something only it can see.</summary>
public static class PublicAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                      // 0.0.0.0/8 "this network"
        || b[0] == 10                                  // 10.0.0.0/8 private
        || b[0] == 100 && (b[1] & 0xC0) == 64          // 100.64.0.0/10 carrier-grade NAT
        || b[0] == 127                                 // loopback
        || b[0] == 169 && b[1] == 254                  // link-local, cloud metadata
        || b[0] == 172 && (b[1] & 0xF0) == 16          // 172.16.0.0/12 private
        || b[0] == 192 && b[1] == 0 && b[2] == 0       // 192.0.0.0/24 protocol assignments
        || b[0] == 192 && b[1] == 0 && b[2] == 2       // documentation
        || b[0] == 192 && b[1] == 168                  // private
        || b[0] == 198 && (b[1] & 0xFE) == 18          // 198.18.0.0/15 benchmarking
        || b[0] == 198 && b[1] == 51 && b[2] == 100    // documentation
        || b[0] == 203 && b[1] == 0 && b[2] == 113     // documentation
        || b[0] >= 224);                               // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress a)
    {
        if (a.Equals(IPAddress.IPv6None) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast) return false;
        var b = a.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC) return false;                          // fc00::/7 unique local
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return false; // documentation
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublicV4(b[2..6]);     // 6to4 carries an IPv4 address
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return IsPublicV4(b[12..16]); // NAT64
        // IPv4-compatible (::a.b.c.d) and the rest of ::/8.
        return b[0] != 0;
    }
}
