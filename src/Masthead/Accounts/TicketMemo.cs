using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

/// <summary>Remembers, for a few minutes, what a sign-in cookie decrypts to. Unprotecting the ticket (key
/// derivation, AES, HMAC, deserialising the claims) was nearly half of what a signed-in page served from the
/// output cache cost. The key is the whole protected cookie, which only our Data Protection keys can produce, so
/// nothing is accepted that would not be accepted anyway; every use gets its own copy of the ticket, and the
/// cookie handler still checks its expiry and (through Identity's validator) the security stamp on every request.
/// What can lag is only a revoked Data Protection key, by at most <see cref="Lifetime"/>.</summary>
internal sealed class TicketMemo(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int Limit = 10_000;
    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset Until)> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || purpose is not null) return inner.Unprotect(protectedText, purpose);
        var now = time.GetUtcNow();
        if (_tickets.TryGetValue(protectedText, out var known) && known.Until > now) return known.Ticket.Clone();
        var ticket = inner.Unprotect(protectedText);
        if (ticket is null) return null;
        if (_tickets.Count >= Limit) _tickets.Clear();
        _tickets[protectedText] = (ticket.Clone(), now + Lifetime);
        return ticket;
    }
}

/// <summary>Wraps the sign-in cookie's ticket format (created by the cookie handler's own post-configure, which
/// runs before this one) in <see cref="TicketMemo"/>.</summary>
internal sealed class MemoizeSignInTickets(TimeProvider time) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name != IdentityConstants.ApplicationScheme || options.TicketDataFormat is TicketMemo or null) return;
        options.TicketDataFormat = new TicketMemo(options.TicketDataFormat, time);
    }
}
