using System.Collections.Concurrent;
using Masthead.Briefings.Templates;
using Masthead.Data;
using Masthead.Delivery.Outbox;
using MimeKit;

namespace Masthead.Briefings.Editions;

/// <summary>Builds the message for one "edition" outbox row. The edition is loaded and rendered once and
/// kept (a sending edition no longer changes); each row then costs a skeleton fill, personal links and
/// a MimeMessage. Called concurrently by delivery workers.</summary>
public sealed class EditionRenderer(IServiceScopeFactory scopes, IServiceProvider services, EditionComposer composer, TimeProvider time)
    : IOutboxRenderer
{
    private const int MaxCachedEditions = 16;
    private readonly ConcurrentDictionary<long, Lazy<Task<RenderedEdition>>> _cache = new();

    public string Kind => OutboxWriter.EditionKind;

    public async Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken ct)
    {
        if (row.EditionId is not { } editionId || row.SubscriberId is not { } subscriberId)
        {
            throw new InvalidOperationException($"Outbox row {row.Id} of kind edition has no edition or subscriber.");
        }
        var edition = await GetAsync(editionId, ct);
        // Resolved per call rather than injected: the subscriptions feature provides it, and a host
        // without it should fail on the first edition row, not at startup.
        var links = services.GetRequiredService<ISubscriberLinks>();
        var listId = edition.List.Id;
        var personal = new Personal(row.ToName?.Trim() ?? "", row.ToAddress,
            links.PreferencesUrl(subscriberId), links.UnsubscribeUrl(subscriberId, listId), links.UnsubscribeAllUrl(subscriberId));
        return edition.ToMessage(row.ToAddress, row.ToName, personal, links.MailtoUnsubscribe(subscriberId, listId), row.MessageKey,
            time.GetUtcNow());
    }

    public async Task<RenderedEdition> GetAsync(long editionId, CancellationToken ct)
    {
        if (_cache.Count > MaxCachedEditions) _cache.Clear();
        var lazy = _cache.GetOrAdd(editionId, id => new Lazy<Task<RenderedEdition>>(() => LoadAsync(id)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Don't keep a failure: the next row tries again (the database may have been briefly away).
            _cache.TryRemove(new KeyValuePair<long, Lazy<Task<RenderedEdition>>>(editionId, lazy));
            throw;
        }
    }

    /// <summary>Forgets a cached edition (tests, or an edition edited after a failed send).</summary>
    public void Forget(long editionId) => _cache.TryRemove(editionId, out _);

    private async Task<RenderedEdition> LoadAsync(long editionId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        return await composer.LoadAsync(db, editionId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Edition {editionId} does not exist.");
    }
}
