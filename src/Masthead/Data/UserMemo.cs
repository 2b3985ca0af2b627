using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Data;

/// <summary>One small answer per user (a tier, a security stamp), remembered for at most its lifetime so a
/// signed-in reader's requests need not ask the database each time. The owner forgets an answer the moment this
/// process saves a change it depends on (<see cref="ForgetOnSaveInterceptor{TEntity}"/>); the lifetime bounds how
/// long another instance can be behind. Reads race saves safely: take <see cref="Version"/> before reading the
/// database and pass it to <see cref="Remember"/>, which refuses an answer read across a change.</summary>
public abstract class UserMemo<T>(TimeProvider time, TimeSpan lifetime)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (T Value, DateTime Until)> _answers = new(StringComparer.Ordinal);
    private long _changes;

    public long Version => Interlocked.Read(ref _changes);

    public bool TryGet(string userId, out T value)
    {
        value = default!;
        if (!_answers.TryGetValue(userId, out var answer) || answer.Until <= Now) return false;
        value = answer.Value;
        return true;
    }

    /// <summary>Keeps <paramref name="value"/> until <paramref name="until"/> or the lifetime, whichever is sooner,
    /// unless anything changed since <paramref name="readAt"/> (a <see cref="Version"/>).</summary>
    public void Remember(string userId, T value, DateTime? until, long readAt)
    {
        var latest = Now + lifetime;
        if (_answers.Count >= MaxEntries) _answers.Clear();
        _answers[userId] = (value, until is { } u && u < latest ? u : latest);
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

/// <summary>Forgets the memo's answer for every user whose <typeparamref name="TEntity"/> rows a context saves,
/// before the save and again after it: a request that read the old row while the save was committing would
/// otherwise remember it. After the save every saved entry is Unchanged, so all tracked ones are forgotten (a few
/// per context at most).</summary>
public abstract class ForgetOnSaveInterceptor<TEntity>(Action<string> forget, Func<TEntity, string?> userOf)
    : SaveChangesInterceptor where TEntity : class
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

    private void ForgetTracked(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<TEntity>())
        {
            if (userOf(entry.Entity) is { } userId) forget(userId);
        }
    }
}
