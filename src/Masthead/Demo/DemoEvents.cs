using System.Buffers.Text;
using System.Security.Cryptography;
using Masthead.Accounts;
using Masthead.Billing.Demo;
using Masthead.Content;
using Masthead.Data;
using Masthead.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Demo;

/// <summary>The demo newsroom's events, so every events page has something to show: an upcoming live Q&amp;A with
/// registrants and questions (approved with votes, pending, rejected, merged), a full in-person breakfast with a
/// waitlist, a by-invitation dinner with a pending request, a public webinar, and a past live Q&amp;A with a recording.
/// Seeded once, into a database with no events, at times relative to the demo clock (rounded to the hour).
/// Registrants are demo attendees: accounts without a password, locked, at a domain that receives no mail, so they
/// are content like the authors and sign in nowhere. In Development the PRO and trialing demo members take part too
/// (the PRO member registered for the live Q&amp;A, the trialing member on the breakfast's waitlist); billing's demo
/// seeding gives them their passwords when it runs after this.</summary>
internal sealed class DemoEvents(MastheadDb db, UserManager<User> users, RoleManager<IdentityRole> roles, MarkdownRenderer markdown, TimeProvider time, ILogger<DemoEvents> logger)
{
    public const string AttendeeDomain = "@events.demo.masthead.local";
    public const string LiveQaSlug = "live-qa-gulf-power-after-the-oil-peak";
    public const string FullEventSlug = "amman-breakfast-briefing-jordan-bonds";
    public const string DinnerSlug = "istanbul-dinner-corridors-east";
    public const string WebinarSlug = "webinar-how-we-track-red-sea-shipping";
    public const string PastSlug = "live-qa-iraq-budget-and-the-oil-price";

    private static readonly DateTimeOffset LockedUntil = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, string Slug)[] Attendees =
    [
        ("Rania Khoury", "rania"), ("Omar Saleh", "omar"), ("Mira Aziz", "mira"), ("Jonas Weber", "jonas"),
        ("Farid Nasser", "farid"), ("Selin Kaya", "selin"), ("Aisha Rahman", "aisha"),
    ];

    /// <summary>Returns the number of events written (0 when the database already had events).</summary>
    public async Task<int> SeedAsync(bool isDevelopment, CancellationToken ct = default)
    {
        if (await db.Set<Event>().AnyAsync(ct)) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var authors = await db.Authors.AsNoTracking().ToDictionaryAsync(a => a.Slug, a => a.Id, ct);
        if (!await roles.RoleExistsAsync(Roles.Reader)) Check(await roles.CreateAsync(new IdentityRole(Roles.Reader)));
        var people = new List<User>();
        foreach (var (name, slug) in Attendees) people.Add(await EnsureAttendeeAsync(slug + AttendeeDomain, name, now));
        User? pro = null, trial = null;
        if (isDevelopment)
        {
            pro = await EnsureMemberAsync(DemoMembers.Pro, now);
            trial = await EnsureMemberAsync(DemoMembers.Trial, now);
        }

        var liveQa = LiveQa(now, authors);
        var breakfast = Breakfast(now, authors);
        var dinner = Dinner(now, authors);
        var webinar = Webinar(now, authors);
        var past = Past(now, authors);
        db.Set<Event>().AddRange(liveQa, breakfast, dinner, webinar, past);
        await db.SaveChangesAsync(ct);

        // Live Q&A: five attendees and the PRO member; questions in every state a moderator leaves them in.
        Register(liveQa, [.. people.Take(5), .. Present(pro)], RegistrationStatus.Confirmed, now.AddDays(-3));
        var top = Ask(liveQa, people[0], "Will the grid links between the Gulf states carry enough power to matter before 2030?", QuestionStatus.Approved, now.AddHours(-30));
        var second = Ask(liveQa, people[1], "How exposed are the new solar tenders to the price of panels from China?", QuestionStatus.Approved, now.AddHours(-20));
        Ask(liveQa, people[2], "What happens to desalination costs if gas for power gets dearer?", QuestionStatus.Pending, now.AddHours(-3));
        // More approved questions (events-qa), so the list has a real order of votes.
        var storage = Ask(liveQa, people[3], "Which Gulf state is furthest ahead on battery storage, and is any of it carrying the grid after sunset yet?", QuestionStatus.Approved, now.AddHours(-28));
        var exports = Ask(liveQa, people[4], "If Saudi Arabia burns less crude for summer power, how much more does it export, and does OPEC+ count those barrels?", QuestionStatus.Approved, now.AddHours(-18));
        var nuclear = Ask(liveQa, people[2], "Do the UAE's reactors and Saudi Arabia's nuclear plans change how much gas either will need to import?", QuestionStatus.Approved, now.AddHours(-9));
        Ask(liveQa, people[3], "Buy my crypto course, link in bio", QuestionStatus.Rejected, now.AddHours(-10));
        var merged = Ask(liveQa, people[4], "Are the GCC grid interconnections big enough yet?", QuestionStatus.Merged, now.AddHours(-26));
        // The past Q&A: questions answered on air.
        var answered = Ask(past, people[2], "Can Baghdad pay public salaries if Brent stays under seventy dollars?", QuestionStatus.Answered, now.AddDays(-13));
        answered.AnsweredAt = past.StartsAt.AddMinutes(12);
        // Votes and merges name questions by id.
        await db.SaveChangesAsync(ct);
        merged.MergedIntoId = top.Id;
        Vote(top, [people[1], people[2], people[3], people[4]], now.AddHours(-12));
        Vote(second, [people[0], people[3]], now.AddHours(-8));
        Vote(storage, [people[0], people[2], people[4]], now.AddHours(-14));
        Vote(exports, [people[1], people[2]], now.AddHours(-6));
        Vote(nuclear, [people[0]], now.AddHours(-2));
        Vote(answered, [people[0], people[1]], now.AddDays(-13));

        // The breakfast is full: three confirmed with tickets, then a waitlist in order.
        Register(breakfast, people.Take(3), RegistrationStatus.Confirmed, now.AddDays(-6));
        Register(breakfast, [people[5], .. Present(trial)], RegistrationStatus.Waitlisted, now.AddDays(-2));

        // The dinner: two guests confirmed by staff, one request waiting for them.
        Register(dinner, people.Skip(3).Take(2), RegistrationStatus.Confirmed, now.AddDays(-5), decided: true);
        Register(dinner, [people[6]], RegistrationStatus.Requested, now.AddDays(-1),
            note: "I run the Istanbul desk of a logistics fund and follow the Middle Corridor closely; I would value the conversation.");

        Register(webinar, people.Skip(1).Take(3), RegistrationStatus.Confirmed, now.AddDays(-1));

        Register(past, people.Take(4), RegistrationStatus.Confirmed, now.AddDays(-20));

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo events seeded: 5 events, {Attendees} demo attendees{Members}.", people.Count,
            isDevelopment ? ", with the PRO and trialing demo members" : "");
        return 5;
    }

    private static IEnumerable<User> Present(User? user) => user is null ? [] : [user];

    private Event LiveQa(DateTime now, Dictionary<string, int> authors) => Build(now, LiveQaSlug, EventKind.LiveQa, EventAdmission.Open,
        "Live Q&A: Gulf power after the oil peak",
        "Our energy desk takes members' questions on grids, solar tenders and what the Gulf burns for electricity when oil is worth more sold.",
        """
        The Gulf states are building solar farms faster than anyone forecast, and still burn oil and gas for most of their power.
        In this hour our energy editor and Gulf correspondent, with a guest from the power sector, answer **your** questions:

        - how far the regional grid links go, and what they still cannot carry;
        - who wins the next round of solar and storage tenders;
        - what dearer gas does to water and power bills.

        Send a question before the start or during the session; the ones with the most votes go first.
        """,
        "Asia/Dubai", now.AddDays(2).Date.AddHours(12), TimeSpan.FromHours(1), capacity: null,
        [Speaker(authors, "thomas-everly", "Thomas Everly", "Host"), Speaker(authors, "huda-al-kindi", "Huda Al-Kindi", "Guest"),
         Guest("Dr Samira Oweis", "Guest", "Samira Oweis advises utilities on grid planning and spent a decade at a regional transmission operator.")],
        video: "https://video.example.com/levant-ledger/live/gulf-power");

    private Event Breakfast(DateTime now, Dictionary<string, int> authors) => Build(now, FullEventSlug, EventKind.InPerson, EventAdmission.Open,
        "Breakfast briefing in Amman: Jordan's bonds and the aid bill",
        "A small breakfast with our Levant correspondent on Jordan's borrowing, its donors and what the next budget must find.",
        """
        Coffee, a short briefing and an hour of questions around one table. Nadia Haddad walks through Jordan's debt calendar,
        the aid that keeps it moving and the reforms its lenders are asking for. Places are few, so please cancel if you cannot come:
        the next member on the waitlist gets your seat.
        """,
        "Asia/Amman", now.AddDays(9).Date.AddHours(5).AddMinutes(30), TimeSpan.FromMinutes(90), capacity: 3,
        [Speaker(authors, "nadia-haddad", "Nadia Haddad", "Host")],
        venue: ("The Ledger Room, Hotel Qasr Al-Luweibdeh", "14 Luweibdeh Street, Jabal Al-Luweibdeh, Amman 11191, Jordan"));

    private Event Dinner(DateTime now, Dictionary<string, int> authors) => Build(now, DinnerSlug, EventKind.InPerson, EventAdmission.ByInvitation,
        "Istanbul dinner: the corridors east",
        "An off-the-record dinner for twelve on the trade routes from Turkey to Central Asia, with our correspondent and a shipping executive.",
        """
        An evening around one table, under the Chatham House rule, on the Middle Corridor: the ports, railways and customs posts
        between Istanbul and Almaty, and who is paying for them. Seats are by invitation; tell us why you would like to come.
        """,
        "Europe/Istanbul", now.AddDays(16).Date.AddHours(16), TimeSpan.FromHours(3), capacity: 12,
        [Speaker(authors, "defne-arslan", "Defne Arslan", "Host"),
         Guest("Kerem Aydın", "Guest", "Kerem Aydın runs the Caspian services of a container line and has crossed the corridor by rail twice.")],
        venue: ("Karaköy Terrace Rooms", "Kemankeş Caddesi 31, Karaköy, 34425 Beyoğlu, İstanbul, Türkiye"));

    private Event Webinar(DateTime now, Dictionary<string, int> authors) => Build(now, WebinarSlug, EventKind.LiveQa, EventAdmission.Open,
        "Webinar: how we track Red Sea shipping",
        "A free session for every reader: how the newsroom follows ships through Bab el-Mandeb, and what the data cannot tell us.",
        """
        Our Gulf correspondent shows the tools and sources behind our shipping coverage, from satellite positions to port notices,
        and answers questions. Free for anyone with an account.
        """,
        "Asia/Dubai", now.AddDays(5).Date.AddHours(14), TimeSpan.FromMinutes(45), capacity: null,
        [Speaker(authors, "huda-al-kindi", "Huda Al-Kindi", "Host")],
        video: "https://video.example.com/levant-ledger/live/red-sea-webinar", access: AccessLevel.Members);

    private Event Past(DateTime now, Dictionary<string, int> authors)
    {
        var ev = Build(now, PastSlug, EventKind.LiveQa, EventAdmission.Open,
            "Live Q&A: Iraq's budget and the oil price",
            "Our Iran and Iraq analyst on how long Baghdad's budget holds at today's oil price, and what gives first.",
            """
            Recorded live with members. Leila Farahani took questions on Iraq's three-year budget, the public payroll and the
            federal–Kurdish oil deal, and where the money runs short if prices stay low.
            """,
            "Asia/Baghdad", now.AddDays(-12).Date.AddHours(15), TimeSpan.FromHours(1), capacity: null,
            [Speaker(authors, "leila-farahani", "Leila Farahani", "Host")],
            video: "https://video.example.com/levant-ledger/live/iraq-budget");
        ev.RecordingUrl = "https://video.example.com/levant-ledger/recordings/iraq-budget-and-the-oil-price";
        return ev;
    }

    private Event Build(DateTime now, string slug, EventKind kind, EventAdmission admission, string title, string summary, string description,
        string zone, DateTime startsAt, TimeSpan length, int? capacity, List<EventSpeaker> speakers, string? video = null,
        (string Name, string Address)? venue = null, AccessLevel access = AccessLevel.Pro)
    {
        for (var i = 0; i < speakers.Count; i++) speakers[i].Position = i;
        var created = (startsAt < now ? startsAt : now).AddDays(-14);
        return new Event
        {
            Slug = slug, Kind = kind, Admission = admission, Title = title, Summary = summary,
            DescriptionMarkdown = description, DescriptionHtml = markdown.ToHtml(description),
            TimeZoneId = zone, StartsAt = startsAt, EndsAt = startsAt + length, Capacity = capacity,
            VenueName = venue?.Name, VenueAddress = venue?.Address, VideoUrl = video, Access = access,
            PublishedAt = created.AddDays(1), CreatedAt = created, UpdatedAt = created.AddDays(1), Speakers = speakers,
        };
    }

    private static EventSpeaker Speaker(Dictionary<string, int> authors, string slug, string name, string role) =>
        new() { AuthorId = authors.TryGetValue(slug, out var id) ? id : null, Name = name, Role = role };

    private static EventSpeaker Guest(string name, string role, string bio) => new() { Name = name, Role = role, Bio = bio };

    private void Register(Event ev, IEnumerable<User> who, RegistrationStatus status, DateTime at, bool decided = false, string note = "")
    {
        var i = 0;
        foreach (var user in who)
        {
            var queued = at.AddMinutes(17 * i++);
            var confirmed = status == RegistrationStatus.Confirmed;
            db.Set<EventRegistration>().Add(new EventRegistration
            {
                EventId = ev.Id, UserId = user.Id, Status = status, CreatedAt = queued, QueuedAt = queued,
                ConfirmedAt = confirmed ? queued : null, RequestNote = note,
                DecidedAt = decided ? queued.AddHours(5) : null, DecidedBy = decided ? "editor@demo.masthead.local" : null,
                TicketCode = confirmed && ev.Kind == EventKind.InPerson ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) : null,
            });
            if (confirmed) ev.ConfirmedCount++;
        }
    }

    private EventQuestion Ask(Event ev, User who, string text, QuestionStatus status, DateTime at)
    {
        var question = new EventQuestion
        {
            EventId = ev.Id, UserId = who.Id, AskerName = who.DisplayName ?? "", Text = text, Status = status, CreatedAt = at,
            ModeratedAt = status == QuestionStatus.Pending ? null : at.AddHours(1),
            ModeratedBy = status == QuestionStatus.Pending ? null : "editor@demo.masthead.local",
        };
        db.Set<EventQuestion>().Add(question);
        return question;
    }

    private void Vote(EventQuestion question, IEnumerable<User> voters, DateTime at)
    {
        foreach (var voter in voters)
        {
            db.Set<EventQuestionVote>().Add(new EventQuestionVote { QuestionId = question.Id, UserId = voter.Id, CreatedAt = at });
            question.Votes++;
        }
    }

    private async Task<User> EnsureAttendeeAsync(string email, string name, DateTime now)
    {
        if (await users.FindByEmailAsync(email) is { } existing) return existing;
        var user = new User
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now.AddDays(-40),
            LockoutEnabled = true, LockoutEnd = LockedUntil,
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Reader));
        return user;
    }

    /// <summary>Development only: the billing demo member, made here without a password when this runs first.</summary>
    private async Task<User> EnsureMemberAsync(DemoMember member, DateTime now)
    {
        if (await users.FindByEmailAsync(member.Email) is { } existing) return existing;
        var user = new User { UserName = member.Email, Email = member.Email, EmailConfirmed = true, DisplayName = member.DisplayName, CreatedAt = now };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Reader));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
