using Microsoft.Extensions.Options;

namespace Masthead.Delivery.Dkim;

/// <summary>At start, one line on whether the site's sender (Mail:FromAddress) can pass DMARC: a warning when it cannot,
/// so a misconfigured install says so before the first reader wonders where the mail went. Briefings have From
/// addresses of their own; /admin/delivery checks each.</summary>
internal sealed class FromAlignmentAnnouncement(FromAlignment alignment, IOptions<MailOptions> mail, ILogger<FromAlignmentAnnouncement> log)
    : IHostedService
{
    public const string ProductionConsequence = "In Production, editions are not sent until this is fixed; transactional mail still is.";
    public const string ElsewhereConsequence = "Outside Production this is only a warning.";

    public Task StartAsync(CancellationToken ct)
    {
        var check = alignment.Check(mail.Value.FromAddress);
        if (check.Aligned) log.LogInformation("{Explanation}", check.Explanation);
        else log.LogWarning("{Explanation} {Consequence}", check.Explanation, alignment.RefusesBulk ? ProductionConsequence : ElsewhereConsequence);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
