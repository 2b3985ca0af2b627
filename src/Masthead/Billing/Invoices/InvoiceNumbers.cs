using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing.Invoices;

/// <summary>Allocates invoice numbers without gaps. Must be called inside the transaction that inserts
/// the invoice: the UPDATE takes the counter row's lock (PostgreSQL) or the write lock (SQLite), so a
/// concurrent allocator waits until this transaction commits or rolls back, then sees the new value.</summary>
internal static class InvoiceNumbers
{
    public static async Task<(long Sequence, string Number)> NextAsync(MastheadDb db, string prefix, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Allocate invoice numbers inside a transaction.");
        await db.Set<InvoiceCounter>().Where(c => c.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
        var next = await db.Set<InvoiceCounter>().AsNoTracking().Where(c => c.Id == 1).Select(c => c.Last).SingleAsync(ct);
        return (next, Format(prefix, next));
    }

    public static string Format(string prefix, long sequence) => $"{prefix}-{sequence:000000}";
}
