using Masthead.Briefings.Subscribing;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Import;

/// <param name="Confirmed">The newsroom vouches that every address consented (`--confirmed`): rows the file
/// leaves pending or unknown are imported as confirmed too. Unsubscribed rows stay unsubscribed.</param>
/// <param name="SendConfirmation">Send the confirmation email to the addresses imported as pending
/// (`--send-confirmation`). Without it the import emails nobody, and pending addresses wait, without expiring,
/// until a confirmation is sent.</param>
public sealed record ImportOptions(IReadOnlyCollection<int> ListIds, bool Confirmed = false, bool SendConfirmation = false);

/// <summary>What happened to each row: <see cref="Confirmed"/>, <see cref="Pending"/> and <see cref="Unsubscribed"/>
/// (kept, never mailed; suppressed rows included) add up to the rows imported; <see cref="Skipped"/> rows are
/// listed by line in <see cref="Problems"/> with the reason. <see cref="Added"/> of the imported addresses were
/// new here; the others were here already and kept the choices made here.</summary>
public sealed record ImportReport(CsvFormat Format, string Source, int Confirmed, int Pending, int Unsubscribed, int Skipped,
    int Added, int ConfirmationsSent, IReadOnlyList<ImportProblem> Problems)
{
    public int Imported => Confirmed + Pending + Unsubscribed;
    public int AlreadyHere => Imported - Added;

    /// <summary>The summary the CLI prints and the admin page shows, before the problems by line.</summary>
    public IEnumerable<string> Summary()
    {
        yield return $"Read as a {Format} file; the source recorded is \"{Source}\".";
        yield return $"Imported {Imported}: {Confirmed} confirmed, {Pending} pending, {Unsubscribed} unsubscribed (kept, never mailed). "
            + $"Skipped {Skipped}{(Skipped > 0 ? " (by line below)" : "")}.";
        yield return $"New addresses {Added}; already here {AlreadyHere} (the choices made here were kept).";
        if (Pending > 0 && ConfirmationsSent == 0)
        {
            yield return "No confirmation email was sent: pending addresses receive nothing and do not expire until one is.";
        }
        else yield return $"Confirmation emails sent: {ConfirmationsSent}.";
    }
}

/// <summary>Applies read rows to the database in batches: one query finds the batch's existing addresses,
/// one SaveChanges writes it. Nobody in the file is lost: confirmed rows keep their original sign-up date as the
/// consent date, unsubscribed rows are kept as unsubscribed, pending rows never expire before Masthead has sent
/// them a confirmation. Never resubscribes a list someone left, never lifts a suppression (a suppressed address
/// is imported and stays suppressed), and what an existing address chose here outranks the file.</summary>
public sealed class SubscriberImporter(MastheadDb db, BriefingSubscriptions subscriptions, TimeProvider time)
{
    private const int BatchSize = 1000;

    /// <summary>The subscriber's <see cref="Subscriber.Source"/>: the format and the day, e.g. "import:ghost 2026-12-03".</summary>
    public static string SourceOf(CsvFormat format, DateTime now) => $"import:{format.ToString().ToLowerInvariant()} {now:yyyy-MM-dd}";

    public async Task<ImportReport> ImportAsync(CsvReadResult read, ImportOptions options, IProgress<int>? progress, CancellationToken ct)
    {
        var problems = read.Problems.ToList();
        var slugToId = await db.BriefingLists.AsNoTracking().ToDictionaryAsync(l => l.Slug, l => l.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var source = SourceOf(read.Format, now);
        var counts = new Dictionary<RowStatus, int>();
        int added = 0, done = 0;
        var toConfirm = new List<(long Id, string Email)>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var saved = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in read.Rows.Where(r => FirstOccurrence(r, firstLine, problems)).Chunk(BatchSize))
            {
                var emails = batch.Select(r => r.Email).ToList();
                var existing = await db.Subscribers.Include(s => s.Subscriptions)
                    .Where(s => emails.Contains(s.Email)).ToDictionaryAsync(s => s.Email, ct);
                var suppressed = (await db.Suppressions.Where(x => emails.Contains(x.Email)).Select(x => x.Email).ToListAsync(ct))
                    .ToHashSet(StringComparer.Ordinal);
                var askNow = new List<Subscriber>();
                foreach (var row in batch)
                {
                    if (ListsOf(row, options, slugToId, problems) is not { Count: > 0 } lists) continue;
                    var status = Effective(row.Status, options);
                    counts[status] = counts.GetValueOrDefault(status) + 1;
                    // The consent (or sign-up) date from the platform the row comes from; never a date still to come.
                    var since = row.CreatedAt is { } d && d < now ? d : now;
                    if (status == RowStatus.Suppressed && suppressed.Add(row.Email))
                    {
                        db.Suppressions.Add(new Suppression { Email = row.Email, Reason = SuppressionReason.Manual, Detail = "Suppressed in the imported file", CreatedAt = now });
                    }
                    if (!existing.TryGetValue(row.Email, out var subscriber))
                    {
                        subscriber = new Subscriber
                        {
                            Email = row.Email,
                            Name = row.Name,
                            CreatedAt = since,
                            // Unsubscribed rows had confirmed on their platform too; our export reads them back as unsubscribed, not pending.
                            ConfirmedAt = status is RowStatus.Confirmed or RowStatus.Unsubscribed ? since : null,
                            Source = source,
                        };
                        db.Subscribers.Add(subscriber);
                        added++;
                    }
                    else subscriber.Name ??= row.Name;
                    var gainedPending = Apply(subscriber, lists, status, since, now);
                    var waiting = subscriber.ConfirmedAt is null && subscriber.Subscriptions.Any(s => s.Status == SubscriptionStatus.Pending);
                    if (options.SendConfirmation && waiting && !suppressed.Contains(row.Email)
                        && (gainedPending || subscriber.ConfirmationSentAt is null)) askNow.Add(subscriber);
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                toConfirm.AddRange(askNow.Select(s => (s.Id, s.Email)));
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
        return new ImportReport(read.Format, source, counts.GetValueOrDefault(RowStatus.Confirmed), counts.GetValueOrDefault(RowStatus.Pending),
            counts.GetValueOrDefault(RowStatus.Unsubscribed) + counts.GetValueOrDefault(RowStatus.Suppressed),
            problems.Where(p => p.Skipped).Select(p => p.Line).Distinct().Count(), added, toConfirm.Count,
            problems.OrderBy(p => p.Line).ToList());
    }

    /// <summary>What the row becomes here: the file's word, except that the newsroom's `--confirmed` vouches for
    /// rows the file leaves unconfirmed. Nothing turns an unsubscribed or suppressed row into a subscribed one.</summary>
    private static RowStatus Effective(RowStatus status, ImportOptions options) => status switch
    {
        RowStatus.Pending or RowStatus.Unknown => options.Confirmed ? RowStatus.Confirmed : RowStatus.Pending,
        _ => status,
    };

    /// <summary>Sets the row's lists on the subscriber; true when a list became pending. A list already here keeps
    /// its status, except that a confirmed row starts a pending one: someone's choice here is never overruled.</summary>
    private static bool Apply(Subscriber subscriber, HashSet<int> lists, RowStatus status, DateTime since, DateTime now)
    {
        if (status == RowStatus.Confirmed) subscriber.ConfirmedAt ??= since;
        var state = status switch
        {
            RowStatus.Confirmed => SubscriptionStatus.Active,
            RowStatus.Pending => SubscriptionStatus.Pending,
            _ => SubscriptionStatus.Unsubscribed,
        };
        var gainedPending = false;
        foreach (var id in lists)
        {
            var sub = subscriber.Subscriptions.FirstOrDefault(s => s.ListId == id);
            if (sub is null)
            {
                subscriber.Subscriptions.Add(new Subscription
                {
                    ListId = id, Status = state, CreatedAt = now,
                    UnsubscribedAt = state == SubscriptionStatus.Unsubscribed ? now : null,
                });
                gainedPending |= state == SubscriptionStatus.Pending;
            }
            else if (sub.Status == SubscriptionStatus.Pending && state == SubscriptionStatus.Active)
            {
                sub.Status = SubscriptionStatus.Active;
            }
        }
        return gainedPending;
    }

    private static HashSet<int>? ListsOf(ImportRow row, ImportOptions options, Dictionary<string, int> slugToId, List<ImportProblem> problems)
    {
        var lists = new HashSet<int>(options.ListIds);
        foreach (var slug in row.ListSlugs)
        {
            if (slugToId.TryGetValue(slug, out var id)) lists.Add(id);
            else problems.Add(new ImportProblem(row.Line, $"There is no briefing '{slug}'; the row's other lists were imported.", Skipped: false));
        }
        if (lists.Count > 0) return lists;
        problems.Add(new ImportProblem(row.Line, "No briefing chosen for this address."));
        return null;
    }

    private static bool FirstOccurrence(ImportRow row, Dictionary<string, int> firstLine, List<ImportProblem> problems)
    {
        if (firstLine.TryAdd(row.Email, row.Line)) return true;
        problems.Add(new ImportProblem(row.Line, $"The address is on line {firstLine[row.Email]} already; that row was imported."));
        return false;
    }
}
