using System.CommandLine;
using Masthead.Accounts;
using Masthead.Data;
using Masthead.Delivery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Masthead.Operations;

/// <summary>`admin create` and `admin list`: the way in for the first administrator.</summary>
internal static class AdminCommands
{
    private static readonly HashSet<string> CreateOptions = ["email", "password", "name", "role"];
    private static readonly string[] StaffRoles = [Roles.Admin, Roles.Editor];

    internal static Command Verbs() => new("admin", "Staff accounts")
    {
        new Verb("create", "Create an admin or editor, or promote an existing account; without --password it prints (and mails) a one-time sign-in link", CreateAsync)
        {
            VerbOptions.Text("--email", "ADDRESS", "The account's email address", required: true),
            VerbOptions.Text("--password", "PASSWORD", $"A password of at least {AccountsModule.MinPasswordLength} characters (replaces an existing one)"),
            VerbOptions.Text("--name", "NAME", "The name shown in the admin, one line of at most 200 characters"),
            VerbOptions.Text("--role", "admin|editor", "The staff role to give [default: admin]"),
        },
        new Verb("list", "List the editors and admins", (services, _, console) => ListAsync(services, console)),
    };

    public static async Task<int> CreateAsync(IServiceProvider services, string[] args, IAnsiConsole console)
    {
        // Everything is validated before anything is written: bad input changes nothing.
        var options = Cli.ParseOptions(args, CreateOptions, out var error);
        var email = EmailAddresses.Normalize(options?.GetValueOrDefault("email"));
        var password = options?.GetValueOrDefault("password");
        var name = options?.GetValueOrDefault("name")?.Trim();
        var role = options?.GetValueOrDefault("role") ?? Roles.Admin;
        error ??= options?.ContainsKey("email") != true ? "--email is required."
            : email is null ? $"'{options["email"]}' is not a valid email address."
            : password is not null && password.Length < AccountsModule.MinPasswordLength
                ? $"The password must have at least {AccountsModule.MinPasswordLength} characters."
            : !StaffRoles.Contains(role) ? $"Unknown role '{role}': use admin or editor."
            : name is { Length: > 200 } || name?.Any(char.IsControl) == true ? "The name must be one line of at most 200 characters."
            : null;
        if (error is not null)
        {
            console.MarkupLineInterpolated($"[red]{error}[/]");
            Cli.PrintUsage(console);
            return Cli.BadInput;
        }

        await RoleSetup.EnsureRolesAsync(services);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<User>>();
        var accounts = sp.GetRequiredService<UserAccounts>();

        var user = await users.FindByEmailAsync(email!);
        var created = user is null;
        if (user is null)
        {
            (user, var result) = await accounts.CreateAsync(email!, name, password, emailConfirmed: true);
            if (user is null) return Fail(console, result);
        }
        else
        {
            if (PersonNames.Clean(name) is { } displayName) user.DisplayName = displayName;
            user.EmailConfirmed = true;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) return Fail(console, updated);
            if (password is not null)
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                var reset = await users.ResetPasswordAsync(user, token, password);
                if (!reset.Succeeded) return Fail(console, reset);
            }
        }
        if (!await users.IsInRoleAsync(user, role))
        {
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded) return Fail(console, added);
        }

        console.MarkupLineInterpolated($"[green]{(created ? "Created" : "Updated")}[/] {email} with role [bold]{role}[/].");
        if (password is null)
        {
            var links = sp.GetRequiredService<MagicLinks>();
            var time = sp.GetRequiredService<TimeProvider>();
            var link = await links.IssueAsync(email!, "/admin", time.GetUtcNow().UtcDateTime, CancellationToken.None);
            await links.SendAsync(email!, link, forSignUp: false, CancellationToken.None);
            var minutes = (int)Math.Round(sp.GetRequiredService<IOptions<AccountsOptions>>().Value.MagicLinkLifetime.TotalMinutes);
            console.MarkupLineInterpolated($"One-time sign-in link, valid for {minutes} minutes (also in the mailbox at /admin/mail):");
            // Written raw: the console would wrap a long URL at the terminal width and break copy-paste.
            console.Profile.Out.Writer.WriteLine(link);
        }
        return Cli.Ok;
    }

    public static async Task<int> ListAsync(IServiceProvider services, IAnsiConsole console)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var staff = await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                join u in db.Users on ur.UserId equals u.Id
                where r.Name == Roles.Admin || r.Name == Roles.Editor
                select new { u.Email, u.DisplayName, Role = r.Name })
            .AsNoTracking().ToListAsync();
        var table = new Table().AddColumns("Email", "Name", "Roles");
        foreach (var g in staff.GroupBy(s => s.Email).OrderBy(g => g.Key))
        {
            table.AddRow(Markup.Escape(g.Key ?? ""), Markup.Escape(g.First().DisplayName ?? ""),
                Markup.Escape(string.Join(", ", g.Select(s => s.Role).Order())));
        }
        if (staff.Count == 0) console.MarkupLine("No editors or admins yet. Create one with [blue]admin create --email ADDRESS[/].");
        else console.Write(table);
        return Cli.Ok;
    }

    private static int Fail(IAnsiConsole console, IdentityResult result)
    {
        console.MarkupLineInterpolated($"[red]{string.Join(" ", result.Errors.Select(e => e.Description))}[/]");
        return Cli.BadInput;
    }
}
