using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Masthead.Delivery;
using Masthead.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

public enum PasswordSignInOutcome { SignedIn, Failed, Waiting }

public readonly record struct PasswordSignInResult(PasswordSignInOutcome Outcome, User? User = null, TimeSpan Wait = default);

/// <summary>A random password's hash, made once with the app's hasher options, so an unknown address (or an
/// account without a password) is checked against something and costs one full verification like any other.</summary>
public sealed class DummyPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<User>(options).HashPassword(new User(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public string Value => _hash.Value;
}

/// <summary>Password sign-in that does the same work whatever the address: one lookup, one password
/// verification (against <see cref="DummyPasswordHash"/> when there is no account or no password; an account that
/// may not sign in yet is checked against its own), one backoff write on failure. So neither the answer nor its time tells
/// whether an address has an account. Backoff is per address and source (<see cref="SignInBackoffs"/>); while a
/// source waits, no password is checked at all, for any address.</summary>
public sealed class PasswordSignIn(SignInManager<User> signIn, SignInBackoffs backoffs, DummyPasswordHash dummy,
    MagicLinks links, Mailer mailer, TimeProvider time, IOptions<AccountsOptions> options, IOptions<SiteOptions> site,
    ILogger<PasswordSignIn> logger)
{
    public async Task<PasswordSignInResult> SignInAsync(string email, string password, IPAddress? client, CancellationToken ct)
    {
        var users = signIn.UserManager;
        var source = SignInBackoffs.SourceOf(client);
        var wait = await backoffs.WaitAsync(email, source, ct);
        if (wait > TimeSpan.Zero) return new(PasswordSignInOutcome.Waiting, Wait: wait);

        var user = await users.FindByEmailAsync(email);
        bool verified;
        if (user?.PasswordHash is not null)
        {
            verified = await users.CheckPasswordAsync(user, password); // also rehashes an outdated hash
        }
        else
        {
            users.PasswordHasher.VerifyHashedPassword(user ?? new User(), dummy.Value, password);
            verified = false;
        }
        if (verified && await signIn.CanSignInAsync(user!) && !await users.IsLockedOutAsync(user!))
        {
            await backoffs.ResetAsync(email, source, ct);
            await signIn.SignInWithClaimsAsync(user!, isPersistent: true, [new Claim("amr", "pwd")]);
            return new(PasswordSignInOutcome.SignedIn, user);
        }

        var failure = await backoffs.RecordFailureAsync(email, source, ct);
        if (failure.EpisodeBegan && user is not null)
        {
            logger.LogWarning("Password sign-in for user {UserId} paused for source {Source} after {Failures} failures",
                user.Id, source, options.Value.SignInBackoffThreshold);
            await NotifyAsync(user, email, ct);
        }
        return new(PasswordSignInOutcome.Failed);
    }

    /// <summary>Queued through the outbox like every transactional mail; the link is an ordinary magic link.</summary>
    private async Task NotifyAsync(User user, string email, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var link = await links.IssueAsync(email, null, now, ct);
        await mailer.SendAsync(SignInPausedEmail.Build(email, user.Id, now, link, site.Value, options.Value.MagicLinkLifetime), ct);
    }
}
