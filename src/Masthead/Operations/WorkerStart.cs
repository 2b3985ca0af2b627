namespace Masthead.Operations;

/// <summary>The order things start in. A plain <see cref="IHostedService"/> is a check that must finish before the
/// server takes requests (the roles, the default briefings, the search index) and keeps starting there. A
/// <see cref="BackgroundService"/> is periodic work (delivery, schedules, billing, clean-ups) whose first round ran
/// inside the host's start, up to its first await: compiling its queries and loading time zones there held the
/// first page back by about half a second of CPU. Each one now starts once the application has started (the server
/// listens), which nothing can tell from before: each reads its durable state from the database whenever it runs.
/// On two cores their first rounds (about a quarter of a second of CPU: queries to compile, time zones to load) still
/// slowed the first page, so they wait further for the first response to be sent, or <see cref="SettleDelay"/>
/// after the start when no request comes.</summary>
internal static class WorkerStart
{
    /// <summary>After every feature has registered its hosted services.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(2);

    public static WebApplicationBuilder StartWorkersOnceListening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<FirstResponse>();
        services.AddTransient<IStartupFilter, FirstResponse.Filter>();
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            // A registration by type or instance says what it is; a factory is known only once it runs. Checks
            // registered by type are left exactly as they were.
            if (d.ServiceType != typeof(IHostedService) || d.IsKeyedService) continue;
            if (d.ImplementationFactory is null && !typeof(BackgroundService).IsAssignableFrom(d.ImplementationType ?? d.ImplementationInstance?.GetType())) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
            {
                var service = (IHostedService)Resolve(d, sp);
                return service is BackgroundService worker
                    ? new OnceStarted(worker, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<FirstResponse>())
                    : service;
            });
        }
        return builder;
    }

    private static object Resolve(ServiceDescriptor d, IServiceProvider sp) =>
        d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!);

    /// <summary>Still a BackgroundService, so the host watches it as before: a worker that fails stops the host
    /// (or is logged) exactly as it would unwrapped.</summary>
    private sealed class OnceStarted(BackgroundService worker, IHostApplicationLifetime lifetime, FirstResponse first) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
            {
                await started.Task;
            }
            await Task.WhenAny(first.Sent, Task.Delay(SettleDelay, stoppingToken));
            stoppingToken.ThrowIfCancellationRequested();
            await worker.StartAsync(stoppingToken);
            if (worker.ExecuteTask is { } running) await running;
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await worker.StopAsync(cancellationToken);
            await base.StopAsync(cancellationToken);
        }

        public override void Dispose()
        {
            worker.Dispose();
            base.Dispose();
        }
    }

    /// <summary>Completes when the server has sent its first response. The middleware that tells it sits first in
    /// the pipeline and costs a request one field read once it has.</summary>
    internal sealed class FirstResponse
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Sent => _sent.Task;

        internal sealed class Filter(FirstResponse first) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (context, following) =>
                {
                    if (first._sent.Task.IsCompleted)
                    {
                        await following(context);
                        return;
                    }
                    try { await following(context); }
                    finally { first._sent.TrySetResult(); }
                });
                next(app);
            };
        }
    }
}
