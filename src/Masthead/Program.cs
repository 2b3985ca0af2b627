using Masthead.Accounts;
using Masthead.Admin;
using Masthead.Billing;
using Masthead.Billing.Admin;
using Masthead.Briefings;
using Masthead.Content;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Demo;
using Masthead.Membership;
using Masthead.Operations;
using Masthead.Site;

// Help, unknown verbs and bad options are answered here, before a host, a database or a data folder exists.
var command = Cli.Read(args, Console.Out, Console.Error);
if (command.ExitCode is { } answered) return answered;

var builder = WebApplication.CreateBuilder(command.HostArgs);

builder.AddData();
builder.AddSite();
builder.AddAccounts();
builder.AddDelivery();
builder.AddContent();
builder.AddBriefings();
builder.AddMembership();
builder.AddBilling();
builder.AddMemberAdmin();
builder.AddAdmin();
builder.AddDemo();
builder.StartWorkersOnceListening();

var app = builder.Build();

await app.PrepareDatabaseAsync();
if (command.IsVerb) return await Cli.RunAsync(app, command);
await app.SeedDemoAsync();

app.UseSite();
app.MapSite();
app.MapAccounts();
app.MapDelivery();
app.MapContent();
app.MapBriefings();
app.MapMembership();
app.MapBilling();
app.MapMemberAdmin();
app.MapAdmin();
app.MapRouteAccess();

await app.RunAsync();
return 0;

/// <summary>Entry point type, public for WebApplicationFactory.</summary>
public partial class Program;
