using Masthead.Briefings.Subscribing;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Import;

public sealed record ImportOptions(IReadOnlyCollection<int> ListIds, bool AlreadyOptedIn, string Source);

public sealed record ImportReport(CsvFormat Format, int Added, int Updated, int Unchanged, int Skipped,
    int ConfirmationsSent, IReadOnlyList<ImportProblem> Problems)
{
    public int Imported => Added + Updated;
}

/// <summary>Applies read rows to the database in batches: one query finds the batch's existing addresses,
/// one SaveChanges writes it. Never resubscribes a list someone left, never lifts a suppression (a
/// suppressed address is imported and stays suppressed). Without "already opted in" every address that
/// gained a pending list gets the usual confirmation email.</summary>
public sealed class SubscriberImporter(MastheadDb db, BriefingSubscriptions subscriptions, TimeProvider time)
{
    private const int BatchSize = 1000;

    public async Task<ImportReport> ImportAsync(CsvReadResult read, ImportOptions options, IProgress<int>? progress, CancellationToken ct)
    {
        var problems = read.Problems.ToList();
        var slugToId = await db.BriefingLists.AsNoTracking().ToDictionaryAsync(l => l.Slug, l => l.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        int added = 0, updated = 0, unchanged = 0, done = 0;
        var toConfirm = new List<(long Id, string Email)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var saved = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in read.Rows.Where(r => seen.Add(r.Email)).Chunk(BatchSize))
            {
                var emails = batch.Select(r => r.Email).ToList();
                var existing = await db.Subscribers.Include(s => s.Subscriptions)
                    .Where(s => emails.Contains(s.Email)).ToDictionaryAsync(s => s.Email, ct);
                var pendingNow = new List<Subscriber>();
                foreach (var row in batch)
                {
                    var lists = new HashSet<int>(options.ListIds);
                    foreach (var slug in row.ListSlugs)
                    {
                        if (slugToId.TryGetValue(slug, out var id)) lists.Add(id);
                        else problems.Add(new ImportProblem(row.Line, $"There is no briefing '{slug}'; the row's other lists were imported."));
                    }
                    if (lists.Count == 0)
                    {
                        problems.Add(new ImportProblem(row.Line, "No briefing chosen for this address."));
                        continue;
                    }
                    // Our own export says per row whether the address was confirmed; other formats rely on the tick.
                    var confirmed = options.AlreadyOptedIn && row.Confirmed != false;
                    var status = confirmed ? SubscriptionStatus.Active : SubscriptionStatus.Pending;
                    if (!existing.TryGetValue(row.Email, out var subscriber))
                    {
                        subscriber = new Subscriber
                        {
                            Email = row.Email,
                            Name = row.Name,
                            CreatedAt = row.CreatedAt ?? now,
                            ConfirmedAt = confirmed ? now : null,
                            Source = options.Source,
                        };
                        foreach (var id in lists) subscriber.Subscriptions.Add(new Subscription { ListId = id, Status = status, CreatedAt = now });
                        db.Subscribers.Add(subscriber);
                        added++;
                        if (!confirmed) pendingNow.Add(subscriber);
                        continue;
                    }
                    var changed = false;
                    if (confirmed && subscriber.ConfirmedAt is null) { subscriber.ConfirmedAt = now; changed = true; }
                    subscriber.Name ??= row.Name;
                    foreach (var id in lists)
                    {
                        var sub = subscriber.Subscriptions.FirstOrDefault(s => s.ListId == id);
                        if (sub is null)
                        {
                            subscriber.Subscriptions.Add(new Subscription { ListId = id, Status = status, CreatedAt = now });
                            changed = true;
                        }
                        else if (sub.Status == SubscriptionStatus.Pending && confirmed)
                        {
                            sub.Status = SubscriptionStatus.Active;
                            changed = true;
                        }
                        // Unsubscribed stays unsubscribed: they told us here, which outranks another system's list.
                    }
                    if (changed) updated++; else unchanged++;
                    if (changed && subscriber.Subscriptions.Any(s => s.Status == SubscriptionStatus.Pending)) pendingNow.Add(subscriber);
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                toConfirm.AddRange(pendingNow.Select(s => (s.Id, s.Email)));
                db.ChangeTracker.Clear();
                done += batch.Length;
                progress?.Report(done);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = saved;
        }
        foreach (var (id, email) in toConfirm) await subscriptions.SendConfirmationAsync(id, email, ct);
        return new ImportReport(read.Format, added, updated, unchanged, read.Skipped, toConfirm.Count,
            problems.OrderBy(p => p.Line).ToList());
    }
}
