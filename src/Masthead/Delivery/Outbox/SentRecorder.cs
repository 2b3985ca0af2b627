using System.Threading.Channels;
using Masthead.Data;

namespace Masthead.Delivery.Outbox;

/// <summary>The one writer of a batch while it sends. Marks each accepted row Sent in a group commit: whatever was
/// accepted while the previous commit ran goes in the next one, so groups stay as small as the commit is slow and a
/// commit never waits for a timer. Renews the lease on the rows the batch still holds (for <see cref="LeaseHeartbeat"/>);
/// renewals and Sent marks take turns, so a renewal knows exactly how many rows it must find.
/// The engine hands a connection its next message only after the previous one is recorded, so a kill leaves at most one
/// accepted-but-unrecorded message per connection.</summary>
internal sealed class SentRecorder : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly OutboxStore _store;
    private readonly string _owner;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Action _onFailure;
    // Rows of the batch still Leased in the database: all of them, less those committed as Sent.
    private readonly HashSet<long> _held;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Channel<Accepted> _accepted = Channel.CreateUnbounded<Accepted>(new() { SingleReader = true });
    private readonly Task _writing;

    private readonly record struct Accepted(long Id, TaskCompletionSource<bool> Recorded);

    /// <param name="onFailure">Called when a commit fails: the batch must stop sending (the final record tries again).</param>
    public SentRecorder(IServiceScopeFactory scopes, string owner, IEnumerable<long> ids, TimeProvider time, ILogger log, Action onFailure)
    {
        _scope = scopes.CreateAsyncScope();
        _store = new OutboxStore(_scope.ServiceProvider.GetRequiredService<MastheadDb>());
        _owner = owner;
        _time = time;
        _log = log;
        _onFailure = onFailure;
        _held = [.. ids];
        _writing = WriteAsync();
    }

    /// <summary>Queues an accepted row. Completes true once its Sent is committed, false if that commit failed.</summary>
    public Task<bool> RecordAsync(long id)
    {
        var recorded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_accepted.Writer.TryWrite(new Accepted(id, recorded))) recorded.SetResult(false);
        return recorded.Task;
    }

    /// <summary>True when the row's Sent is committed. Read it after the recorder is disposed.</summary>
    public bool IsRecorded(long id) => !_held.Contains(id);

    /// <summary>Extends the lease on every row the batch still holds; false when some of them are held by someone
    /// else now (the lease ran out and another process claimed them).</summary>
    public async Task<bool> RenewAsync(DateTime until)
    {
        await _writer.WaitAsync();
        try
        {
            var held = _held.ToArray();
            return await _store.RenewAsync(_owner, held, until, CancellationToken.None) == held.Length;
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task WriteAsync()
    {
        var reader = _accepted.Reader;
        var group = new List<Accepted>();
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            while (reader.TryRead(out var accepted)) group.Add(accepted);
            var committed = await CommitAsync(group);
            foreach (var accepted in group) accepted.Recorded.SetResult(committed);
            if (!committed) _onFailure();
        }
    }

    private async Task<bool> CommitAsync(List<Accepted> group)
    {
        await _writer.WaitAsync();
        try
        {
            var ids = group.Select(a => a.Id).ToArray();
            // Not cancellable: what the server accepted must be written down.
            await _store.MarkSentAsync(ids, _time.GetUtcNow().UtcDateTime, CancellationToken.None);
            _held.ExceptWith(ids);
            return true;
        }
        catch (Exception e)
        {
            _log.LogError(e, "Recording {Count} accepted outbox rows failed; the batch stops", group.Count);
            return false;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Commits what is still queued, then closes the writer's database scope.</summary>
    public async ValueTask DisposeAsync()
    {
        _accepted.Writer.TryComplete();
        await _writing;
        await _scope.DisposeAsync();
        _writer.Dispose();
    }
}
