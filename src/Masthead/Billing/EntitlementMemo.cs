using System.Collections.Concurrent;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Billing;

/// <summary>Each member's tier, remembered for a short while so a PRO reader's pages (which no shared cache
/// may hold) do not ask the database on every request. An answer is forgotten the moment this process saves a
/// change to that member's subscription (<see cref="EntitlementChangeInterceptor"/>); one that depends on a
/// period ending is kept no later than that end; and none is kept longer than <see cref="Lifetime"/>, which
/// bounds how long another instance (a worker, a webhook handled elsewhere) can be behind.</summary>
public sealed class EntitlementMemo(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (ReaderTier Tier, DateTime Until)> _answers = new(StringComparer.Ordinal);
    private long _changes;

    /// <summary>Taken before reading the database; <see cref="Remember"/> refuses an answer read across a change.</summary>
    public long Version => Interlocked.Read(ref _changes);

    public bool TryGet(string userId, out ReaderTier tier)
    {
        tier = default;
        if (!_answers.TryGetValue(userId, out var answer) || answer.Until <= Now) return false;
        tier = answer.Tier;
        return true;
    }

    /// <summary>Keeps <paramref name="tier"/> until <paramref name="until"/> or the lifetime, whichever is sooner,
    /// unless any subscription changed since <paramref name="readAt"/> (a <see cref="Version"/>).</summary>
    public void Remember(string userId, ReaderTier tier, DateTime? until, long readAt)
    {
        var latest = Now + Lifetime;
        if (_answers.Count >= MaxEntries) _answers.Clear();
        _answers[userId] = (tier, until is { } u && u < latest ? u : latest);
        // Checked after the write: a change that raced it has either bumped the version (so this undoes the
        // write) or runs its own Forget after it.
        if (Version != readAt) _answers.TryRemove(userId, out _);
    }

    public void Forget(string userId)
    {
        Interlocked.Increment(ref _changes);
        _answers.TryRemove(userId, out _);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>Forgets a member's remembered tier whenever a subscription of theirs is added, changed or removed
/// through EF Core, before the save, so no request after the save can read the old answer.</summary>
internal sealed class EntitlementChangeInterceptor(EntitlementMemo memo) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ForgetChanged(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ForgetChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetChanged(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        ForgetChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Before the save and again after it: a request that read the old row while the save was committing would
    // otherwise remember it. After the save every saved entry is Unchanged, so all tracked ones are forgotten.
    private void ForgetChanged(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<MemberSubscription>())
        {
            memo.Forget(entry.Entity.UserId);
        }
    }
}
