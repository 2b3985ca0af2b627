using System.Text;
using Masthead.Briefings.Import;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Briefings;

public sealed class ImportScaleTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task TenThousandRowsImportInBatchesWithOneBadRowReported(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gulf = await app.ListIdAsync("gulf-briefing");
        var csv = new StringBuilder("email,name,lists,status,created_at\n");
        for (var i = 0; i < 10_000; i++) csv.Append(i == 4321 ? "broken,,,active,\n" : $"reader{i}@example.test,Reader {i},,active,\n");
        var read = SubscriberCsv.Read(new StringReader(csv.ToString()));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = await app.WithDbAsync(d => new SubscriberImporter(d, null!, app.Time)
            .ImportAsync(read, new ImportOptions([gulf], Confirmed: true), null, TestContext.Current.CancellationToken));
        TestContext.Current.TestOutputHelper?.WriteLine($"10,000 rows on {db}: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(9_999, report.Added);
        Assert.Equal(4_323, Assert.Single(report.Problems).Line);
        Assert.Equal(9_999, await app.WithDbAsync(d => d.Subscriptions.CountAsync(s => s.ListId == gulf, TestContext.Current.CancellationToken)));
    }
}
