using System.Net;
using System.Net.Sockets;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

/// <summary>Failed password sign-ins for one address from one source (a client IP, or an IPv6 /64). Kept in the
/// database so a restart or another instance does not reset it. An episode starts when <see cref="Failures"/>
/// reaches the threshold and ends with a successful password sign-in from that source, or when no failure came
/// for <see cref="AccountsOptions.SignInBackoffForgetAfter"/>.</summary>
public sealed class SignInBackoff
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string Source { get; set; }
    public int Failures { get; set; }
    public DateTime LastFailureAt { get; set; }
    /// <summary>No password is checked for this address from this source before then.</summary>
    public DateTime? WaitUntil { get; set; }
    /// <summary>When the member was told about this episode; null until then, so they are told once.</summary>
    public DateTime? NotifiedAt { get; set; }
}

internal sealed class SignInBackoffConfiguration : IEntityTypeConfiguration<SignInBackoff>
{
    public void Configure(EntityTypeBuilder<SignInBackoff> b)
    {
        b.HasIndex(x => new { x.Email, x.Source }).IsUnique();
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Source).HasMaxLength(64);
    }
}

/// <summary>What a failure did: how long the source now waits, and whether this failure began the episode
/// (the one the member is told about).</summary>
public readonly record struct SignInFailure(TimeSpan Wait, bool EpisodeBegan);

/// <summary>Sign-in backoff per address and source together: one source guessing one address slows down
/// (after <see cref="AccountsOptions.SignInBackoffThreshold"/> failures, a wait from
/// <see cref="AccountsOptions.SignInBackoffFirstWait"/> doubling up to <see cref="AccountsOptions.SignInBackoffMaxWait"/>),
/// while the member signing in from anywhere else, or by magic link, is not affected. The same for every address,
/// known or not, so it tells nothing about which have accounts.</summary>
public sealed class SignInBackoffs(MastheadDb db, TimeProvider time, IOptions<AccountsOptions> options)
{
    /// <summary>How long this source must still wait before a password is checked for this address; zero when it may try.</summary>
    public async Task<TimeSpan> WaitAsync(string email, string source, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = await db.SignInBackoffs.AsNoTracking()
            .Where(b => b.Email == email && b.Source == source && b.WaitUntil > now)
            .Select(b => b.WaitUntil).FirstOrDefaultAsync(ct);
        return until is { } u ? u - now : TimeSpan.Zero;
    }

    public async Task<SignInFailure> RecordFailureAsync(string email, string source, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.SignInBackoffs.SingleOrDefaultAsync(b => b.Email == email && b.Source == source, ct);
            if (row is null)
            {
                row = new SignInBackoff { Email = email, Source = source };
                db.Add(row);
            }
            else if (now - row.LastFailureAt > o.SignInBackoffForgetAfter)
            {
                (row.Failures, row.WaitUntil, row.NotifiedAt) = (0, null, null); // a new episode
            }
            row.Failures++;
            row.LastFailureAt = now;
            var wait = WaitAfter(row.Failures, o);
            row.WaitUntil = wait > TimeSpan.Zero ? now + wait : null;
            var began = wait > TimeSpan.Zero && row.NotifiedAt is null;
            if (began) row.NotifiedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
                return new SignInFailure(wait, began);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The first failure for this pair, recorded concurrently by another request: count on its row.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A password sign-in from this source succeeded: its episode for this address is over.</summary>
    public Task ResetAsync(string email, string source, CancellationToken ct) =>
        db.SignInBackoffs.Where(b => b.Email == email && b.Source == source).ExecuteDeleteAsync(ct);

    /// <summary>No wait below the threshold; then the first wait, doubling with each further failure, capped.</summary>
    public static TimeSpan WaitAfter(int failures, AccountsOptions o)
    {
        if (failures < o.SignInBackoffThreshold) return TimeSpan.Zero;
        var doublings = Math.Min(failures - o.SignInBackoffThreshold, 30);
        var wait = o.SignInBackoffFirstWait * Math.Pow(2, doublings);
        return wait < o.SignInBackoffMaxWait ? wait : o.SignInBackoffMaxWait;
    }

    /// <summary>The source a request counts against: its client IP (after trusted forwarded headers), an IPv6
    /// address by its /64 (one subscriber's network hands out a whole /64, so single addresses cost nothing to change).</summary>
    public static string SourceOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address)) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
