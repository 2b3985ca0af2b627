using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Accounts;

/// <summary>"Stamp S of user U is current", remembered for a short while, so checking a session's security stamp on
/// every request (<see cref="SecurityStampCheck"/>) asks the database only when this process does not already know
/// the answer: a signed-in reader's pages stay free of queries. An answer is forgotten the moment this process
/// saves a change to that user (<see cref="SecurityStampChangeInterceptor"/>: sign-out and password changes
/// renew the stamp through EF Core), and none is kept longer than <see cref="Lifetime"/>, which bounds how long
/// another instance can still accept a session that was ended elsewhere.</summary>
public sealed class SecurityStampMemo(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (string Stamp, DateTime Until)> _current = new(StringComparer.Ordinal);
    private long _changes;

    /// <summary>Taken before reading the database; <see cref="Remember"/> refuses a stamp read across a change.</summary>
    public long Version => Interlocked.Read(ref _changes);

    public bool IsCurrent(string userId, string stamp) =>
        _current.TryGetValue(userId, out var known) && known.Until > Now && string.Equals(known.Stamp, stamp, StringComparison.Ordinal);

    public void Remember(string userId, string stamp, long readAt)
    {
        if (_current.Count >= MaxEntries) _current.Clear();
        _current[userId] = (stamp, Now + Lifetime);
        // Checked after the write: a change that raced it has either bumped the version (so this undoes the
        // write) or runs its own Forget after it.
        if (Version != readAt) _current.TryRemove(userId, out _);
    }

    public void Forget(string userId)
    {
        Interlocked.Increment(ref _changes);
        _current.TryRemove(userId, out _);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>Forgets a user's remembered stamp whenever the user row is saved through EF Core, before the save and
/// again after it, so no request after the save can take the old stamp for current.</summary>
internal sealed class SecurityStampChangeInterceptor(SecurityStampMemo memo) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ForgetTracked(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ForgetTracked(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetTracked(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        ForgetTracked(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // After the save every saved entry is Unchanged, so every tracked user is forgotten: a few per context at most.
    private void ForgetTracked(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<User>()) memo.Forget(entry.Entity.Id);
    }
}
