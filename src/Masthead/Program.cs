using Masthead.Accounts;
using Masthead.Admin;
using Masthead.Billing;
using Masthead.Billing.Admin;
using Masthead.Briefings;
using Masthead.Content;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Demo;
using Masthead.Events;
using Masthead.Membership;
using Masthead.Operations;
using Masthead.Site;

// Help, unknown verbs and bad options are answered here, before a host, a database or a data folder exists.
var command = Cli.Read(args, Console.Out, Console.Error);
if (command.ExitCode is { } answered) return answered;

// Configuration files are read once: watching them for changes cost about 50 ms of every start, and a change of
// settings means a restart anyway (options are validated at start).
var builder = WebApplication.CreateBuilder([.. command.HostArgs, "--hostBuilder:reloadConfigOnChange=false"]);

builder.AddData();
builder.AddSite();
builder.AddAccounts();
builder.AddDelivery();
builder.AddContent();
builder.AddBriefings();
builder.AddMembership();
builder.AddBilling();
builder.AddEvents();
builder.AddMemberAdmin();
builder.AddAdmin();
builder.AddDemo();
builder.StartWorkersOnceListening();

var app = builder.Build();

if (command.IsVerb)
{
    await app.PrepareDatabaseAsync();
    return await Cli.RunAsync(app, command);
}
// The page descriptors need no database and the database checks need no pages: on two cores they overlap.
var pagesReady = app.DescribePagesAsync();
await app.PrepareDatabaseAsync();
await app.SeedDemoAsync();
await pagesReady;

app.UseSite();
app.MapSite();
app.MapAccounts();
app.MapDelivery();
app.MapContent();
app.MapBriefings();
app.MapMembership();
app.MapBilling();
app.MapEvents();
app.MapAdmin();
app.MapRouteAccess();

await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory.</summary>
public partial class Program;
