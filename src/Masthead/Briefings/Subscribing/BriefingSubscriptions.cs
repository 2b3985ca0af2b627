using Masthead.Accounts;
using Masthead.Data;
using Masthead.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Subscribing;

/// <summary>Every change to who receives which briefing: double opt-in, confirmation, preferences,
/// unsubscribes, expiry. Callers pass normalised addresses (Accounts.EmailAddresses.Normalize).</summary>
public sealed class BriefingSubscriptions(MastheadDb db, Mailer mailer, SubscriberLinks links, TimeProvider time,
    IOptions<SubscribingOptions> options, IOptions<Site.SiteOptions> site)
{
    /// <summary>A repeated request for lists already waiting re-sends the confirmation only after this long.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(15);

    public async Task<IReadOnlyList<ListChoice>> OpenListsAsync(CancellationToken ct) =>
        await db.BriefingLists.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.Position).ThenBy(l => l.Id)
            .Select(l => new ListChoice(l.Id, l.Slug, l.Name, l.Description, l.Cadence)).ToListAsync(ct);

    /// <summary>Double opt-in. Chosen lists that are not active become Pending and ONE confirmation email
    /// goes out; lists already active are left alone, and nothing else is ever sent to an unconfirmed
    /// address. Even for a confirmed address, newly added lists wait for the link: otherwise anyone could
    /// add lists to someone else's address.</summary>
    public async Task<SubscribeOutcome> SubscribeAsync(string email, string? name, IReadOnlyCollection<int> listIds,
        string source, CancellationToken ct)
    {
        var lists = await OpenListIdsAsync(listIds, ct);
        if (lists.Count == 0) return SubscribeOutcome.NoLists;
        var now = Now;
        var subscriber = await FindOrCreateAsync(email, name, source, now, ct);
        int pending = 0, added = 0;
        foreach (var listId in lists)
        {
            var sub = subscriber.Subscriptions.FirstOrDefault(s => s.ListId == listId);
            if (sub is { Status: SubscriptionStatus.Active }) continue;
            pending++;
            if (sub is not { Status: SubscriptionStatus.Pending }) added++;
            if (sub is null)
            {
                subscriber.Subscriptions.Add(new Subscription { ListId = listId, Status = SubscriptionStatus.Pending, CreatedAt = now });
            }
            else if (sub.Status != SubscriptionStatus.Pending)
            {
                sub.Status = SubscriptionStatus.Pending;
                sub.UnsubscribedAt = null;
                sub.CreatedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
        if (pending == 0) return SubscribeOutcome.AlreadySubscribed;
        // Asking again for lists that are already waiting re-sends the email (the first may be lost), but
        // not within ResendAfter of the last request: the form must not become a way to flood an inbox.
        var lastAsked = subscriber.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending).Max(s => s.CreatedAt);
        if (added == 0 && now - lastAsked < ResendAfter) return SubscribeOutcome.ConfirmationSent;
        if (added == 0)
        {
            // For a pending subscription, CreatedAt is when it was last asked for.
            foreach (var sub in subscriber.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending && lists.Contains(s.ListId))) sub.CreatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        await SendConfirmationAsync(subscriber.Id, subscriber.Email, ct);
        return SubscribeOutcome.ConfirmationSent;
    }

    /// <summary>A signed-in reader whose account address is confirmed: the address is proven already, so the
    /// chosen lists become active at once and the subscriber is linked to the account.</summary>
    public async Task<SubscribeOutcome> SubscribeConfirmedAsync(string email, string userId, string? name,
        IReadOnlyCollection<int> listIds, string source, CancellationToken ct)
    {
        var lists = await OpenListIdsAsync(listIds, ct);
        if (lists.Count == 0) return SubscribeOutcome.NoLists;
        var now = Now;
        var subscriber = await FindOrCreateAsync(email, name, source, now, ct);
        subscriber.UserId ??= userId;
        subscriber.ConfirmedAt ??= now;
        var started = NotYetActive(subscriber, lists);
        foreach (var listId in lists) Activate(subscriber, listId, now);
        await LiftUnsubscribedAllAsync(subscriber.Email, ct);
        await db.SaveChangesAsync(ct);
        await WelcomeAsync(subscriber, started, ct);
        return SubscribeOutcome.Activated;
    }

    /// <summary>The confirmation link was followed: the address is proven and its pending lists start.
    /// Idempotent. False when the subscriber no longer exists (expired).</summary>
    public async Task<bool> ConfirmAsync(long subscriberId, CancellationToken ct)
    {
        var subscriber = await db.Subscribers.Include(s => s.Subscriptions).SingleOrDefaultAsync(s => s.Id == subscriberId, ct);
        if (subscriber is null) return false;
        var now = Now;
        subscriber.ConfirmedAt ??= now;
        var started = new List<int>();
        foreach (var sub in subscriber.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending))
        {
            sub.Status = SubscriptionStatus.Active;
            started.Add(sub.ListId);
        }
        // They asked again and proved the address: an earlier "unsubscribe from everything" no longer stands.
        if (started.Count > 0) await LiftUnsubscribedAllAsync(subscriber.Email, ct);
        await db.SaveChangesAsync(ct);
        await WelcomeAsync(subscriber, started, ct);
        return true;
    }

    /// <summary>The preference centre's save: exactly <paramref name="selected"/> of the open lists are
    /// active afterwards. Choosing any list lifts an unsubscribed-from-all suppression (the person asked).</summary>
    public async Task<bool> SetListsAsync(long subscriberId, IReadOnlyCollection<int> selected, CancellationToken ct)
    {
        var subscriber = await db.Subscribers.Include(s => s.Subscriptions).SingleOrDefaultAsync(s => s.Id == subscriberId, ct);
        if (subscriber is null) return false;
        var now = Now;
        var open = await db.BriefingLists.Where(l => l.IsActive).Select(l => l.Id).ToListAsync(ct);
        var chosen = open.Where(selected.Contains).ToList();
        // The link came by email to this address, which proves it.
        if (chosen.Count > 0) subscriber.ConfirmedAt ??= now;
        var started = NotYetActive(subscriber, chosen);
        foreach (var listId in open)
        {
            if (chosen.Contains(listId)) Activate(subscriber, listId, now);
            else if (subscriber.Subscriptions.FirstOrDefault(s => s.ListId == listId) is { Status: not SubscriptionStatus.Unsubscribed } sub)
            {
                sub.Status = SubscriptionStatus.Unsubscribed;
                sub.UnsubscribedAt = now;
            }
        }
        if (chosen.Count > 0) await LiftUnsubscribedAllAsync(subscriber.Email, ct);
        await db.SaveChangesAsync(ct);
        await WelcomeAsync(subscriber, started, ct);
        return true;
    }

    /// <summary>One list, at once, idempotent: a repeated one-click POST changes nothing more.</summary>
    public async Task<bool> UnsubscribeAsync(long subscriberId, int listId, CancellationToken ct)
    {
        var now = Now;
        await db.Subscriptions
            .Where(s => s.SubscriberId == subscriberId && s.ListId == listId && s.Status != SubscriptionStatus.Unsubscribed)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Unsubscribed)
                .SetProperty(s => s.UnsubscribedAt, (DateTime?)now), ct);
        return await db.Subscribers.AnyAsync(s => s.Id == subscriberId, ct);
    }

    /// <summary>Every list, plus a suppression so no send of any kind reaches the address.</summary>
    public async Task<bool> UnsubscribeAllAsync(long subscriberId, CancellationToken ct)
    {
        var email = await db.Subscribers.Where(s => s.Id == subscriberId).Select(s => s.Email).SingleOrDefaultAsync(ct);
        if (email is null) return false;
        var now = Now;
        await db.Subscriptions.Where(s => s.SubscriberId == subscriberId && s.Status != SubscriptionStatus.Unsubscribed)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Unsubscribed)
                .SetProperty(s => s.UnsubscribedAt, (DateTime?)now), ct);
        await SuppressAsync(db, email, SuppressionReason.UnsubscribedAll, "Unsubscribed from everything", now, ct);
        return true;
    }

    /// <summary>Deletes addresses that did not confirm within the configured lifetime of the last confirmation
    /// email (their subscriptions go with them by cascade). Returns how many. The lifetime counts from that
    /// email, never from the sign-up date: an import carries dates from another platform, and an address that was
    /// never sent a confirmation (an imported pending row) was never given the chance, so it stays.</summary>
    public Task<int> ExpireUnconfirmedAsync(CancellationToken ct)
    {
        var cutoff = Now - options.Value.UnconfirmedLifetime;
        return db.Subscribers.Where(s => s.ConfirmedAt == null && s.ConfirmationSentAt != null && s.ConfirmationSentAt < cutoff)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Adds a suppression unless the address has one already (the first reason stands).</summary>
    public static async Task SuppressAsync(MastheadDb db, string email, SuppressionReason reason, string? detail, DateTime now, CancellationToken ct)
    {
        if (await db.Suppressions.AnyAsync(x => x.Email == email, ct)) return;
        db.Suppressions.Add(new Suppression { Email = email, Reason = reason, Detail = detail, CreatedAt = now });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // A concurrent unsubscribe inserted the same address first: the outcome is the same.
            db.ChangeTracker.Clear();
            if (!await db.Suppressions.AsNoTracking().AnyAsync(x => x.Email == email, ct)) throw;
        }
    }

    /// <summary>One email naming every list still waiting for this address's confirmation.</summary>
    public async Task SendConfirmationAsync(long subscriberId, string email, CancellationToken ct)
    {
        var names = await db.Subscriptions.AsNoTracking()
            .Where(s => s.SubscriberId == subscriberId && s.Status == SubscriptionStatus.Pending)
            .OrderBy(s => s.List!.Position).Select(s => s.List!.Name).ToListAsync(ct);
        await mailer.SendAsync(ConfirmationEmail.Build(email, links.ConfirmUrl(subscriberId), site.Value, names,
            options.Value.UnconfirmedLifetime), ct);
        // Only once the email is queued: the expiry clock must never start for an address that was not asked.
        var now = Now;
        await db.Subscribers.Where(s => s.Id == subscriberId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmationSentAt, (DateTime?)now), ct);
    }

    private static List<int> NotYetActive(Subscriber subscriber, IEnumerable<int> listIds) =>
        listIds.Where(id => subscriber.Subscriptions.FirstOrDefault(s => s.ListId == id) is not { Status: SubscriptionStatus.Active }).ToList();

    /// <summary>One welcome email per briefing that has just started for this (confirmed) address.</summary>
    private async Task WelcomeAsync(Subscriber subscriber, IReadOnlyCollection<int> startedListIds, CancellationToken ct)
    {
        if (startedListIds.Count == 0) return;
        var briefings = await db.BriefingLists.AsNoTracking().Where(l => startedListIds.Contains(l.Id))
            .OrderBy(l => l.Position).ThenBy(l => l.Id)
            .Select(l => new WelcomeEmail.Briefing(l.Id, l.Slug, l.Name, l.Description, l.Cadence)).ToListAsync(ct);
        foreach (var briefing in briefings)
        {
            await mailer.SendAsync(WelcomeEmail.Build(subscriber.Email, subscriber.Id, briefing, site.Value,
                links.PreferencesUrl(subscriber.Id), links.UnsubscribeUrl(subscriber.Id, briefing.Id)), ct);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<List<int>> OpenListIdsAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await db.BriefingLists.Where(l => l.IsActive && ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);

    private async Task<Subscriber> FindOrCreateAsync(string email, string? name, string source, DateTime now, CancellationToken ct)
    {
        name = PersonNames.Clean(name);
        var existing = await db.Subscribers.Include(s => s.Subscriptions).SingleOrDefaultAsync(s => s.Email == email, ct);
        if (existing is not null)
        {
            if (existing.Name is null && !string.IsNullOrWhiteSpace(name)) existing.Name = name;
            return existing;
        }
        var subscriber = new Subscriber { Email = email, Name = string.IsNullOrWhiteSpace(name) ? null : name, CreatedAt = now, Source = source };
        db.Subscribers.Add(subscriber);
        try
        {
            await db.SaveChangesAsync(ct);
            return subscriber;
        }
        catch (DbUpdateException)
        {
            // The same address was signed up concurrently: continue with that row.
            db.ChangeTracker.Clear();
            return await db.Subscribers.Include(s => s.Subscriptions).SingleAsync(s => s.Email == email, ct);
        }
    }

    private static void Activate(Subscriber subscriber, int listId, DateTime now)
    {
        var sub = subscriber.Subscriptions.FirstOrDefault(s => s.ListId == listId);
        if (sub is null)
        {
            subscriber.Subscriptions.Add(new Subscription { ListId = listId, Status = SubscriptionStatus.Active, CreatedAt = now });
            return;
        }
        sub.Status = SubscriptionStatus.Active;
        sub.UnsubscribedAt = null;
    }

    /// <summary>Only the reader's own "unsubscribe from everything" is lifted; bounces, complaints and
    /// manual suppressions stay until staff remove them.</summary>
    private Task LiftUnsubscribedAllAsync(string email, CancellationToken ct) =>
        db.Suppressions.Where(x => x.Email == email && x.Reason == SuppressionReason.UnsubscribedAll).ExecuteDeleteAsync(ct);
}
