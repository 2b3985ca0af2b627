using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Masthead.Site;

/// <summary>Read-mostly content (an article as the article page shows it, the section list, the open briefing
/// lists) kept in memory between edits, so a page rendered for a reader (an output-cache miss, or any signed-in
/// view with <see cref="SiteOptions.ShareSignedInViews"/> off) does not ask the database the same questions.
/// It follows the output cache's rules exactly: it is on when <see cref="SiteOptions.OutputCacheSeconds"/> is
/// above zero, an entry lives at most that long, and everything is dropped whenever the "content" tag is
/// evicted (every edit that changes published content does that; see <see cref="ContentEvictingStore"/>).
/// So nothing here is staler than an anonymous reader's cached page already is. Only what an anonymous
/// reader may also see goes in: access decisions stay per request.</summary>
public sealed class ContentMemo(IOptions<SiteOptions> site, TimeProvider time)
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(object? Value, DateTimeOffset Expires);

    /// <summary>The remembered value for <paramref name="key"/>, loading it on a miss. A null result is not kept,
    /// so a piece that is not yet visible is looked up again next time.</summary>
    public async Task<T?> GetAsync<T>(string key, Func<CancellationToken, Task<T?>> load, CancellationToken ct) where T : class
    {
        var seconds = site.Value.OutputCacheSeconds;
        if (seconds <= 0) return await load(ct);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Expires > now) return (T?)hit.Value;
        var generation = Interlocked.Read(ref _generation);
        var value = await load(ct);
        if (value is null) return null;
        // Loaded before an edit cleared the memo: good for this request, too old to keep.
        if (Interlocked.Read(ref _generation) != generation) return value;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(value, now.AddSeconds(seconds));
        return value;
    }

    /// <summary>Advances whenever the memo is cleared, so a value loaded across a clear is not kept.</summary>
    private long _generation;

    /// <summary>Forgets everything; called when published content changes.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}

/// <summary>The output-cache store with one addition: evicting the "content" tag also clears the
/// <see cref="ContentMemo"/>, so the many places that already evict on an edit keep both in step. It passes the
/// buffer interface through, which the output cache uses to serve a hit without copying it into an array.</summary>
internal sealed class ContentEvictingStore(IOutputCacheStore inner, ContentMemo memo) : IOutputCacheBufferStore
{
    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (tag == SiteModule.ContentCacheTag) memo.Clear();
        return inner.EvictByTagAsync(tag, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, tags, validFor, cancellationToken);

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffers) return await buffers.TryGetAsync(key, destination, cancellationToken);
        if (await inner.GetAsync(key, cancellationToken) is not { } bytes) return false;
        await destination.WriteAsync(bytes, cancellationToken);
        return true;
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor,
        CancellationToken cancellationToken) =>
        inner is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : inner.SetAsync(key, value.ToArray(), tags.IsEmpty ? null : tags.ToArray(), validFor, cancellationToken);
}
