using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Masthead.Site;

/// <summary>Which forwarded headers are believed, and from whom (Site:KnownProxies plus loopback, ASP.NET's default).</summary>
internal static class ForwardedFrom
{
    public static void Configure(ForwardedHeadersOptions o, SiteOptions site)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // No fixed count of hops: the chain is walked from the nearest proxy back while each hop is a known
        // proxy, so a chain of trusted proxies works and a client cannot forge hops before the first one.
        o.ForwardLimit = null;
        foreach (var entry in site.KnownProxies)
        {
            if (!TryParse(entry, out var network)) continue;
            o.KnownIPNetworks.Add(network);
        }
    }

    /// <summary>An address is a network of one (/32 or /128).</summary>
    public static bool TryParse(string? entry, out System.Net.IPNetwork network)
    {
        network = default;
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text)) return false;
        if (text.Contains('/')) return System.Net.IPNetwork.TryParse(text, out network);
        if (!IPAddress.TryParse(text, out var address)) return false;
        network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
