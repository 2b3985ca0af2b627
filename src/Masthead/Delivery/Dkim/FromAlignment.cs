using System.Globalization;
using Microsoft.Extensions.Options;

namespace Masthead.Delivery.Dkim;

public enum AlignmentState { Aligned, NotAligned, Unsigned }

/// <summary>How one From address stands against the DKIM signing domain, with the sentence that says so.</summary>
public sealed record AlignmentCheck(string FromAddress, string FromDomain, string? DkimDomain, AlignmentState State)
{
    public bool Aligned => State == AlignmentState.Aligned;

    public string Explanation => State switch
    {
        AlignmentState.Aligned => $"Mail from {FromAddress} is DKIM-signed for {DkimDomain}, which is aligned with its From domain: it can pass DMARC.",
        AlignmentState.Unsigned => $"Mail from {FromAddress} is not DKIM-signed (set Mail:Dkim:Domain, Mail:Dkim:Selector and Mail:Dkim:PrivateKeyPath): "
            + "it will fail DMARC at most receivers.",
        _ => $"Mail from {FromAddress} is DKIM-signed for {DkimDomain}, which is not aligned with its From domain {FromDomain}: it will fail DMARC "
            + $"at most receivers. Send from {DkimDomain} or a subdomain of it, or sign for {FromDomain} (Mail:Dkim:Domain).",
    };
}

/// <summary>DMARC passes on DKIM only when the signing domain (d=) is aligned with the From domain. Receivers use the
/// organisational domain (relaxed alignment), which needs the public suffix list; we use a simpler rule instead: the two
/// domains are equal, or one ends with "." + the other (news.ledger.example and ledger.example are aligned). It calls
/// aligned nothing DMARC would not, except when one side is itself a public suffix (co.uk), which no real sender is;
/// it warns about siblings (from a.ledger.example, signed for b.ledger.example) that receivers would pass.
/// Outside Production a misaligned or unsigned sender is only a warning (the embedded defaults, newsroom@localhost and
/// no key, keep working); in Production editions are not sent (transactional mail still is: a reader waiting for a
/// sign-in link is better served by mail that may land in spam than by none).</summary>
public sealed class FromAlignment(IOptions<DkimOptions> dkim, IHostEnvironment environment)
{
    public bool RefusesBulk => environment.IsProduction();

    public AlignmentCheck Check(string fromAddress)
    {
        var fromDomain = DomainOf(fromAddress);
        var o = dkim.Value;
        if (!o.Enabled) return new(fromAddress, fromDomain, null, AlignmentState.Unsigned);
        var dkimDomain = Normalise(o.Domain!);
        return new(fromAddress, fromDomain, dkimDomain, Aligned(fromDomain, dkimDomain) ? AlignmentState.Aligned : AlignmentState.NotAligned);
    }

    /// <summary>Why an edition from <paramref name="fromAddress"/> may not be sent here, or null when it may.</summary>
    public string? BulkRefusal(string fromAddress)
    {
        var check = Check(fromAddress);
        if (check.Aligned || !RefusesBulk) return null;
        return $"Not sent: {check.Explanation} In Production, editions are sent only from a From address aligned with the DKIM domain; "
            + "nothing was queued.";
    }

    /// <summary>The rule above, on domains; case, a trailing dot and IDN spelling do not matter.</summary>
    public static bool Aligned(string fromDomain, string dkimDomain)
    {
        var from = Normalise(fromDomain);
        var signer = Normalise(dkimDomain);
        if (from.Length == 0 || signer.Length == 0) return false;
        return from == signer || from.EndsWith("." + signer, StringComparison.Ordinal) || signer.EndsWith("." + from, StringComparison.Ordinal);
    }

    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return Normalise(at < 0 ? "" : address[(at + 1)..]);
    }

    private static readonly IdnMapping Idn = new();

    private static string Normalise(string domain)
    {
        var d = domain.Trim().TrimEnd('.');
        if (d.Length == 0) return "";
        try
        {
            d = Idn.GetAscii(d);
        }
        catch (ArgumentException)
        {
            // Not a valid IDN: compared as written, so it aligns with nothing but itself.
        }
        return d.ToLowerInvariant();
    }
}
