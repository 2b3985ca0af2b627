using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Events.Admin;

/// <summary>/admin/events/check-in/{code}: what a ticket's QR code opens on a staff phone. GET shows the ticket and
/// changes nothing; POST checks it in once. A code that is no ticket is a 404 that says so.</summary>
internal sealed class TicketModel(EventCheckIn checkIn) : PageModel
{
    public EventCheckIn.Ticket? Ticket { get; private set; }
    public string Message { get; private set; } = "";
    public CheckInOutcome? Outcome { get; private set; }
    public string Code { get; private set; } = "";

    public bool CanCheckIn => Ticket is { Status: RegistrationStatus.Confirmed, CheckedInAt: null, EventStatus: EventStatus.Scheduled };

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Code = code;
        Ticket = await checkIn.FindByCodeAsync(code, ct);
        if (Ticket is null) return Invalid();
        Message = EventCheckIn.Describe(Ticket);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        Code = code;
        var result = await checkIn.CheckInByCodeAsync(code, EventEditModel.StaffName(User), ct);
        if (result.Outcome == CheckInOutcome.NotFound) return Invalid();
        (Ticket, Message, Outcome) = (result.Ticket, result.Message, result.Outcome);
        return Page();
    }

    private PageResult Invalid()
    {
        Message = EventCheckIn.NotValidMessage;
        return new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }
}
