using System.Collections.Concurrent;
using Masthead.Site;
using Masthead.Content.Reading;
using Masthead.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Masthead.Membership.Metering;

public enum MeterState
{
    /// <summary>Metering is off, or the reader is PRO or staff.</summary>
    Unmetered,
    /// <summary>Allowance left, or this article was already counted: public pieces read in full.</summary>
    Open,
    /// <summary>Allowance spent and this article not among those counted: public pieces show the teaser.</summary>
    Exhausted,
}

/// <summary>This request's meter, decided once (before the output cache, so cached views vary by it).
/// <paramref name="Left"/> is how many more public articles the reader may open in full after this one, within
/// the window of <paramref name="WindowDays"/> days the meter counts.</summary>
public sealed record MeterDecision(MeterState State, int Used, int Allowance, int Left = 0, int WindowDays = 30)
{
    public bool Exhausted => State == MeterState.Exhausted;
}

/// <summary>Counts public articles read in full by anonymous and free readers, in a signed cookie only.
/// The page marks a response that consumed the meter with <see cref="CountHeader"/>; the cached copy keeps
/// that mark, so a view served from the output cache counts exactly like a fresh one. Just before the
/// response leaves, the mark is removed and, for a read not yet counted, the reader's cookie is rewritten.</summary>
public sealed class ReadingMeter(IOptions<MeterOptions> options, TimeProvider time, IDataProtectionProvider protection,
    IOptions<StorageOptions> storage)
{
    public const string CountHeader = "X-Masthead-Meter";
    private static readonly object ItemKey = new();
    private readonly Lazy<byte[]> _key = new(() => SecretKeyFile.LoadOrCreate(protection, storage.Value.DataDirectory, "reading-meter.key", "Masthead.Membership.ReadingMeter.Key.v1"));
    // The hot anonymous read is a reader without a meter opening an article: their new cookie is the same for
    // everyone opening that article that day, so it is signed once, not on every request. Slug hashes likewise.
    private const int MemoLimit = 10_000;
    private readonly ConcurrentDictionary<(uint Article, int Day), string> _firstReads = new();
    private readonly ConcurrentDictionary<string, uint> _hashes = new(StringComparer.Ordinal);

    public MeterOptions Options => options.Value;

    /// <summary>The meter for this request and article; the first call also arranges the cookie update.</summary>
    public MeterDecision Decide(HttpContext http, string slug, ReaderTier tier)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is MeterDecision known) return known;
        var o = options.Value;
        MeterDecision decision;
        if (!o.Enabled || !ContentAccess.IsMetered(tier))
        {
            decision = new MeterDecision(MeterState.Unmetered, 0, o.FreeArticles, WindowDays: (int)o.Window.TotalDays);
        }
        else
        {
            var today = MeterCookie.DayOf(time.GetUtcNow().UtcDateTime);
            var oldest = today - (int)o.Window.TotalDays;
            var entries = MeterCookie.Read(http.Request.Cookies[MeterCookie.Name], _key.Value);
            entries.RemoveAll(e => e.Day <= oldest || e.Day > today);
            var article = HashOf(slug);
            var counted = entries.Exists(e => e.Article == article);
            var open = counted || entries.Count < o.FreeArticles;
            var left = open ? Math.Max(0, o.FreeArticles - entries.Count - (counted ? 0 : 1)) : 0;
            decision = new MeterDecision(open ? MeterState.Open : MeterState.Exhausted, entries.Count, o.FreeArticles, left, (int)o.Window.TotalDays);
            if (open) CountOnResponse(http, counted ? null : [.. entries, new MeterEntry(article, today)]);
        }
        http.Items[ItemKey] = decision;
        return decision;
    }

    /// <summary>The count mark is internal and never sent; a marked 200 for a read not yet counted rewrites the cookie.</summary>
    private void CountOnResponse(HttpContext http, List<MeterEntry>? next) =>
        http.Response.OnStarting(() =>
        {
            var response = http.Response;
            if (response.Headers.Remove(CountHeader) && next is not null && response.StatusCode == StatusCodes.Status200OK)
            {
                response.Cookies.Append(MeterCookie.Name, CookieValue(next), new CookieOptions
                {
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    Path = "/",
                    Expires = time.GetUtcNow() + options.Value.Window,
                });
            }
            return Task.CompletedTask;
        });

    private string CookieValue(List<MeterEntry> entries)
    {
        if (entries.Count != 1) return MeterCookie.Write(entries, _key.Value);
        var key = (entries[0].Article, entries[0].Day);
        if (_firstReads.TryGetValue(key, out var value)) return value;
        if (_firstReads.Count >= MemoLimit) _firstReads.Clear();
        return _firstReads[key] = MeterCookie.Write(entries, _key.Value);
    }

    private uint HashOf(string slug)
    {
        if (_hashes.TryGetValue(slug, out var hash)) return hash;
        if (_hashes.Count >= MemoLimit) _hashes.Clear();
        return _hashes[slug] = MeterCookie.HashOf(slug);
    }
}
