using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Masthead.Content.Pages;
using Masthead.Content.Reading;
using Masthead.Data;
using Masthead.Site;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Cards;

/// <summary>Social cards drawn once per version and kept as files under <c>{data}/cards</c>. A card's version is a
/// hash of everything it draws (headline, kicker, footer, hero, direction and <see cref="DesignVersion"/>), so an
/// edit that changes what the card shows makes a new file and a new URL, and an edit that does not (a body change)
/// keeps the old one. A crawler asking again gets the file; the first request for a version draws it, one drawing at
/// a time per process, and requests arriving meanwhile for the same version wait for that one drawing.</summary>
internal sealed class SocialCards(IOptions<StorageOptions> storage, ILogger<SocialCards> log)
{
    /// <summary>Raise when the drawing changes, so every card is drawn again.</summary>
    public const int DesignVersion = 1;
    public const string HomeOwner = "home";

    private readonly SemaphoreSlim _drawing = new(1, 1);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _inFlight = new(StringComparer.Ordinal);

    public string Directory => Path.Combine(storage.Value.DataDirectory, "cards");

    public static string ArticleOwner(int articleId) => $"article-{articleId}";

    public static SocialCard ForArticle(ArticleDetail article, SiteOptions site)
    {
        var kicker = string.Join(" · ", new[] { article.Section?.Name, Display.AccessBadge(article.Access) }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.ToUpperInvariant()));
        return new SocialCard(article.Title, kicker.Length == 0 ? null : kicker, site.Name, article.HeroImageUrl,
            TextDirection.For(article.Language) == "rtl");
    }

    public static SocialCard ForHome(SiteOptions site) =>
        new(site.Name, null, site.Tagline, null, TextDirection.For(site.DefaultLanguage) == "rtl");

    /// <summary>The card's version: 16 hex digits of a hash of what it draws.</summary>
    public static string Version(SocialCard card)
    {
        var text = string.Join('\u001f', DesignVersion, card.Headline, card.Kicker, card.Footer, card.HeroUrl, card.RightToLeft);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The article card's URL path with its version in the query: a crawler that cached an older card
    /// fetches the new one after an edit.</summary>
    public static string ArticleCardPath(ArticleDetail article, SiteOptions site) =>
        $"{ReaderPaths.Card(article.Slug)}?v={Version(ForArticle(article, site))}";

    public static string HomeCardPath(SiteOptions site) => $"/cards/home.png?v={Version(ForHome(site))}";

    /// <summary>The PNG file of <paramref name="card"/> for <paramref name="owner"/> (an article or the home page),
    /// drawn now if this version has no file yet.</summary>
    public Task<string> FileAsync(string owner, SocialCard card)
    {
        var path = Path.Combine(Directory, $"{owner}-{Version(card)}.png");
        if (File.Exists(path)) return Task.FromResult(path);
        var pending = _inFlight.GetOrAdd(path, p => new Lazy<Task<string>>(() => DrawAsync(owner, card, p)));
        return pending.Value;
    }

    private async Task<string> DrawAsync(string owner, SocialCard card, string path)
    {
        try
        {
            // Not cancelled with the request: others may be waiting for this drawing, and it is bounded anyway.
            await _drawing.WaitAsync();
            try
            {
                if (File.Exists(path)) return path;
                var png = SocialCardRenderer.Render(card, storage.Value.MediaDirectory);
                System.IO.Directory.CreateDirectory(Directory);
                // Written under a temporary name and renamed, so a reader never gets half a file.
                var temp = Path.Combine(Directory, $".{Guid.NewGuid():n}.tmp");
                await File.WriteAllBytesAsync(temp, png);
                File.Move(temp, path, overwrite: true);
                RemoveOlderVersions(owner, path);
                log.LogInformation("Drew social card {File} ({Bytes} bytes)", Path.GetFileName(path), png.Length);
                return path;
            }
            finally
            {
                _drawing.Release();
            }
        }
        finally
        {
            _inFlight.TryRemove(path, out _);
        }
    }

    private void RemoveOlderVersions(string owner, string current)
    {
        // "article-1-*" cannot match article 12's "article-12-…": the dash follows the whole id.
        foreach (var old in System.IO.Directory.EnumerateFiles(Directory, owner + "-*.png"))
        {
            if (old == current) continue;
            try { File.Delete(old); }
            catch (IOException) { /* being served right now: the next version's drawing removes it */ }
        }
    }
}
