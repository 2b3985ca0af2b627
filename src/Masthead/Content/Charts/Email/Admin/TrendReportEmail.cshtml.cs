using Masthead.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Content.Charts.Email.Admin;

/// <summary>/admin/articles/{id}/email: emails a published trend report to the PRO members, after a confirmation that
/// names how many will get it; then the outbox's progress, refreshing itself until every row is settled.</summary>
internal sealed class TrendReportEmailModel(TrendReportSender sender, NewsroomClock clock) : PageModel
{
    public TrendReportEmailState State { get; private set; } = null!;
    public NewsroomClock Clock => clock;
    public bool Confirm { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? confirm, int? queued, CancellationToken ct)
    {
        if (await sender.StateAsync(id, ct) is not { } state) return NotFound();
        State = state;
        Confirm = confirm == "send" && state.Refusal is null && state.Pending > 0;
        if (queued is { } n) Notice = n == 0 ? "Nobody new to send to: every current PRO member already has it." : $"Queued for {n} PRO {(n == 1 ? "member" : "members")}.";
        if (state.Counts.InProgress) Response.Headers["Refresh"] = "5";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? confirm, CancellationToken ct)
    {
        if (await sender.StateAsync(id, ct) is not { } state) return NotFound();
        if (state.Refusal is null && confirm != "yes") return Redirect($"/admin/articles/{id}/email?confirm=send#send");
        var result = await sender.SendAsync(id, ct);
        if (result.Ok) return Redirect($"/admin/articles/{id}/email?queued={result.Queued}");
        State = (await sender.StateAsync(id, ct))!;
        Error = result.Error;
        return Page();
    }
}
