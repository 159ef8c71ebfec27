using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Replay;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Api;

/// <summary>
/// The HTTP API under <see cref="Prefix"/>, for scripts and the <c>turbineconsole</c> tool: datasets, results, max-speed
/// windows, incidents and dead letters. Only personal API tokens (<c>Authorization: Bearer</c>) authenticate here, never
/// the pages' cookie, so a page cannot be tricked into calling it. Reading needs the View policy; every change needs
/// Operate, is checked on the server and written to the audit log, as on the pages.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>The API's path prefix.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>Largest recorded CSV imported, in bytes.</summary>
    public const long MaxRecordingBytes = 50 * 1024 * 1024;

    /// <summary>Most items per page of results, windows and dead letters.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Maps the API.</summary>
    public static IEndpointRouteBuilder MapTurbineConsoleApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).RequireAuthorization(AccessPolicies.View);

        var datasets = api.MapGroup("/datasets").WithTags("Datasets");
        datasets.MapGet("/", ListDatasets).WithSummary("The simulator's datasets and their current or last runs.");
        datasets.MapGet("/{dataset}", GetDataset).WithSummary("One dataset and its current or last run.");
        datasets.MapPost("/{dataset}/start", StartDatasetAsync).RequireAuthorization(AccessPolicies.Operate)
            .WithSummary("Starts a dataset (stopping its previous run).");
        datasets.MapPost("/{dataset}/stop", StopDatasetAsync).RequireAuthorization(AccessPolicies.Operate).WithSummary("Stops a dataset's run.");

        api.MapGet("/results", ResultsAsync).WithTags("Results")
            .WithSummary("Scored readings of one location in a time range (WindDataTable), oldest first unless newestFirst.");
        api.MapGet("/max-speed", MaxSpeedAsync).WithTags("Results")
            .WithSummary("Closed max-speed windows of one location in a time range (MaxWindSpeedTable), oldest first unless newestFirst.");

        var replays = api.MapGroup("/replays").WithTags("Replays");
        replays.MapGet("/", ListReplays).WithSummary("Imported recordings and their current or last replays.");
        replays.MapPost("/", ImportRecordingAsync).RequireAuthorization(AccessPolicies.Operate).DisableAntiforgery()
            .WithSummary("Imports a recorded CSV (multipart form: file, timeColumn, speedColumn, turbineColumn or turbine, locationColumn or location), whole or not at all.");
        replays.MapPost("/{id}/start", StartReplayAsync).RequireAuthorization(AccessPolicies.Operate).WithSummary("Replays a recording into the pipeline's input stream.");
        replays.MapPost("/{id}/pause", (string id, Replayer replayer, HttpContext context, AuditLog audit) => ControlReplayAsync(id, "paused", r => { r.Pause(); return Task.CompletedTask; }, replayer, context, audit))
            .RequireAuthorization(AccessPolicies.Operate).WithSummary("Pauses a running replay.");
        replays.MapPost("/{id}/resume", (string id, Replayer replayer, HttpContext context, AuditLog audit) => ControlReplayAsync(id, "resumed", r => { r.Resume(); return Task.CompletedTask; }, replayer, context, audit))
            .RequireAuthorization(AccessPolicies.Operate).WithSummary("Resumes a paused replay.");
        replays.MapPost("/{id}/stop", (string id, Replayer replayer, HttpContext context, AuditLog audit) => ControlReplayAsync(id, "stopped", r => r.StopAsync(), replayer, context, audit))
            .RequireAuthorization(AccessPolicies.Operate).WithSummary("Stops a replay.");

        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListIncidentsAsync).WithSummary("Incidents, newest first.");
        incidents.MapPost("/{location}/{id}/acknowledge", AcknowledgeAsync).RequireAuthorization(AccessPolicies.Operate)
            .WithSummary("Acknowledges an open incident, with an optional comment.");
        incidents.MapPost("/{location}/{id}/resolve", ResolveAsync).RequireAuthorization(AccessPolicies.Operate)
            .WithSummary("Resolves an incident, with an optional comment.");
        incidents.MapPost("/{location}/{id}/comments", CommentAsync).RequireAuthorization(AccessPolicies.Operate)
            .WithSummary("Adds a comment (required, one line, at most 500 characters) to an incident's timeline.");

        var deadLetters = api.MapGroup("/dead-letters").WithTags("Dead letters");
        deadLetters.MapGet("/", ListDeadLettersAsync).WithSummary("Records the pipeline could not read, newest first.");
        deadLetters.MapPost("/redrive", RedriveAsync).RequireAuthorization(AccessPolicies.Operate)
            .WithSummary("Puts dead letters back into the streams they came from (after a fix), and removes those put.");
        deadLetters.MapPost("/delete", DeleteDeadLettersAsync).RequireAuthorization(AccessPolicies.Operate).WithSummary("Deletes dead letters.");

        var streams = api.MapGroup("/streams").WithTags("Streams");
        streams.MapGet("/{stream}/shards", ListShardsAsync).WithSummary("A stream's shards, open and closed, with their hash-key ranges and the shards they came from.");
        streams.MapPost("/{stream}/shard-count", UpdateShardCountAsync).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Changes a stream's number of open shards (Kinesis UpdateShardCount, uniform scaling): half to double the current count.");
        return endpoints;
    }

    private static Ok<IReadOnlyList<DatasetStatus>> ListDatasets(WindSimulator simulator) =>
        TypedResults.Ok<IReadOnlyList<DatasetStatus>>(Enum.GetValues<WindDataset>().Select(d => StatusOf(simulator, d)).ToList());

    private static Results<Ok<DatasetStatus>, ProblemHttpResult> GetDataset(string dataset, WindSimulator simulator) =>
        ParseDataset(dataset) is { } parsed ? TypedResults.Ok(StatusOf(simulator, parsed)) : UnknownDataset(dataset);

    private static async Task<Results<Ok<DatasetStatus>, ProblemHttpResult>> StartDatasetAsync(
        string dataset, StartDatasetRequest? request, WindSimulator simulator, IOptions<PipelineOptions> pipeline, HttpContext context, AuditLog audit)
    {
        if (ParseDataset(dataset) is not { } parsed)
            return UnknownDataset(dataset);
        request ??= new StartDatasetRequest(null, null, null, null, null);
        var defaults = new DatasetOptions();
        SimulationSettings settings;
        try
        {
            var faults = new List<ScriptedFault>();
            foreach (var (fault, i) in (request.Faults ?? []).Select((f, i) => (f, i)))
            {
                if (fault is null)
                    return Invalid($"Fault {i + 1} is empty.");
                if (fault.ToFault(i + 1, out var faultError) is { } scripted)
                    faults.Add(scripted);
                else
                    return Invalid(faultError!);
            }
            var shape = new DatasetOptions
            {
                Locations = request.Locations ?? defaults.Locations,
                TurbinesPerLocation = request.TurbinesPerLocation ?? defaults.TurbinesPerLocation,
                Faults = faults,
                DailyProfile = new DailyWindProfile
                {
                    AmplitudeMph = request.DailyAmplitudeMph ?? defaults.DailyProfile.AmplitudeMph,
                    PeakHourUtc = request.WindiestHourUtc ?? defaults.DailyProfile.PeakHourUtc,
                },
            };
            shape.Validate();
            settings = new SimulationSettings
            {
                StreamName = request.StreamName ?? pipeline.Value.Streams.WindData,
                ReadingsPerSecond = request.ReadingsPerSecond ?? 10,
                StopAfter = request.StopAfter,
                Dataset = shape,
            };
            await simulator.StartAsync(parsed, settings, context.RequestAborted);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Invalid(e.MessageWithoutParameter());
        }
        await AuditAsync(audit, context, AuditActions.DatasetStarted, AuditDetails.DatasetStarted(parsed, settings));
        return TypedResults.Ok(StatusOf(simulator, parsed));
    }

    private static async Task<Results<Ok<DatasetStatus>, ProblemHttpResult>> StopDatasetAsync(string dataset, WindSimulator simulator, HttpContext context, AuditLog audit)
    {
        if (ParseDataset(dataset) is not { } parsed)
            return UnknownDataset(dataset);
        await simulator.StopAsync(parsed);
        await AuditAsync(audit, context, AuditActions.DatasetStopped, parsed.DisplayName());
        return TypedResults.Ok(StatusOf(simulator, parsed));
    }

    private static Ok<IReadOnlyList<ReplayView>> ListReplays(Replayer replayer) =>
        TypedResults.Ok<IReadOnlyList<ReplayView>>(replayer.Recordings.Select(r => ReplayView.Of(r, replayer.RunOf(r.Id))).ToList());

    private static async Task<Results<Ok<ReplayView>, ProblemHttpResult>> ImportRecordingAsync(
        IFormFile? file, [FromForm] string? timeColumn, [FromForm] string? speedColumn, [FromForm] string? turbineColumn, [FromForm] string? turbine,
        [FromForm] string? locationColumn, [FromForm] string? location, Replayer replayer, HttpContext context, AuditLog audit)
    {
        if (file is null || file.Length == 0)
            return Invalid("file must be a CSV file (a multipart form field named file).");
        if (file.Length > MaxRecordingBytes)
            return Invalid($"file is {file.Length / (1024 * 1024):N0} MB; at most {MaxRecordingBytes / (1024 * 1024)} MB can be imported.");
        using var reader = new StreamReader(file.OpenReadStream());
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var guessed = ColumnMapping.Guess(RecordingReader.Preview(new StringReader(text), rows: 0).Header);
        var mapping = new ColumnMapping
        {
            TimeColumn = timeColumn ?? guessed.TimeColumn,
            SpeedColumn = speedColumn ?? guessed.SpeedColumn,
            TurbineColumn = turbine is not null ? null : turbineColumn ?? guessed.TurbineColumn,
            FixedTurbine = turbine ?? guessed.FixedTurbine,
            LocationColumn = location is not null ? null : locationColumn ?? guessed.LocationColumn,
            FixedLocation = location ?? guessed.FixedLocation,
        };
        var (recording, errors, bad) = replayer.Import(file.FileName, new StringReader(text), mapping);
        if (recording is null)
        {
            return TypedResults.Problem($"Nothing was imported: {bad} {(bad == 1 ? "line" : "lines")} cannot be read.", statusCode: StatusCodes.Status400BadRequest,
                title: "The file is not valid.", extensions: new Dictionary<string, object?> { ["lines"] = errors.Select(e => e.ToString()).ToList() });
        }
        await AuditAsync(audit, context, AuditActions.RecordingImported, AuditDetails.RecordingImported(recording));
        return TypedResults.Ok(ReplayView.Of(recording, null));
    }

    private static async Task<Results<Ok<ReplayView>, ProblemHttpResult>> StartReplayAsync(
        string id, StartReplayRequest? request, Replayer replayer, IOptions<PipelineOptions> pipeline, HttpContext context, AuditLog audit)
    {
        request ??= new StartReplayRequest(null, null, null);
        var settings = new ReplaySettings
        {
            StreamName = pipeline.Value.Streams.WindData,
            Pace = request.Pace ?? ReplayPace.Recorded,
            Speedup = request.Speedup ?? 10,
            ShiftToNow = request.ShiftToNow ?? true,
        };
        ReplayRun run;
        try
        {
            run = await replayer.StartAsync(id, settings);
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Invalid(e.MessageWithoutParameter());
        }
        await AuditAsync(audit, context, AuditActions.Replay, AuditDetails.ReplayStarted(run.Recording, settings));
        return TypedResults.Ok(ReplayView.Of(run.Recording, run));
    }

    private static async Task<Results<Ok<ReplayView>, ProblemHttpResult>> ControlReplayAsync(
        string id, string what, Func<ReplayRun, Task> act, Replayer replayer, HttpContext context, AuditLog audit)
    {
        if (replayer.RunOf(id) is not { } run)
            return TypedResults.Problem($"Recording {id} has no replay; start one first.", statusCode: StatusCodes.Status404NotFound);
        await act(run);
        await AuditAsync(audit, context, AuditActions.Replay, AuditDetails.ReplayControlled(what, run));
        return TypedResults.Ok(ReplayView.Of(run.Recording, run));
    }

    private static Task<Results<Ok<ResultPage<ScoredReading>>, ProblemHttpResult>> ResultsAsync(
        string location, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? next, bool? newestFirst, ITableStore tables, IOptions<PipelineOptions> pipeline,
        CancellationToken cancellationToken) =>
        PageAsync(tables, pipeline.Value.Tables.WindData, location, from, to, limit, next, newestFirst, WindDataItem.SortKeyFrom, WindDataItem.SortKeyTo,
            item => ScoredReading.Of(WindDataItem.ToResult(item)), cancellationToken);

    private static Task<Results<Ok<ResultPage<MaxSpeedView>>, ProblemHttpResult>> MaxSpeedAsync(
        string location, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? next, bool? newestFirst, ITableStore tables, IOptions<PipelineOptions> pipeline,
        CancellationToken cancellationToken) =>
        PageAsync(tables, pipeline.Value.Tables.MaxWindSpeed, location, from, to, limit, next, newestFirst, WindDataItem.SortKeyFrom, WindDataItem.SortKeyFrom,
            item => MaxSpeedView.Of(MaxWindSpeedItem.ToWindow(item)), cancellationToken);

    /// <summary>One page of a location's items between two times; the sort keys of both tables begin with the time.</summary>
    private static async Task<Results<Ok<ResultPage<T>>, ProblemHttpResult>> PageAsync<T>(
        ITableStore tables, string table, string location, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? next, bool? newestFirst,
        Func<DateTimeOffset, string> sortKeyFrom, Func<DateTimeOffset, string> sortKeyTo, Func<Item, T> view, CancellationToken cancellationToken)
    {
        if (SiteNames.Problem(location) is { } problem)
            return Invalid($"location {problem}.");
        if (limit is < 1 or > MaxPageSize)
            return Invalid($"limit must be 1 to {MaxPageSize}; it is {limit}.");
        if (from is { } f && to is { } t && f > t)
            return Invalid("from must not be after to.");
        if (next is { Length: > 200 })
            return Invalid("next is not a value this API gave.");
        var query = new TableQuery(location)
        {
            SortKeyFrom = from is { } start ? AttributeValue.FromString(sortKeyFrom(start)) : (AttributeValue?)null,
            SortKeyTo = to is { } end ? AttributeValue.FromString(sortKeyTo(end)) : (AttributeValue?)null,
            Ascending = newestFirst != true,
            Limit = limit ?? 100,
            ExclusiveStartKey = next is null ? null : new ItemKey(location, next),
        };
        try
        {
            var page = await tables.QueryAsync(table, query, cancellationToken);
            return TypedResults.Ok(new ResultPage<T>(page.Items.Select(view).ToList(), page.LastEvaluatedKey?.SortKey?.S));
        }
        catch (TableNotFoundException)
        {
            return TypedResults.Problem($"There is no table {table} yet: the pipeline creates it at start.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<IncidentView>>, ProblemHttpResult>> ListIncidentsAsync(int? limit, AlertService alerts, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
            return Invalid($"limit must be 1 to {MaxPageSize}; it is {limit}.");
        var incidents = await alerts.ListAsync(limit ?? 50, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IncidentView>>(incidents.Select(IncidentView.Of).ToList());
    }

    private static Task<Results<Ok<IncidentView>, ProblemHttpResult>> AcknowledgeAsync(
        string location, string id, IncidentActionRequest? request, AlertService alerts, HttpContext context, AuditLog audit) =>
        ActOnIncidentAsync(context, audit, AuditActions.Acknowledged, request?.Comment, who => alerts.AcknowledgeAsync(location, id, who, request?.Comment, context.RequestAborted));

    private static Task<Results<Ok<IncidentView>, ProblemHttpResult>> ResolveAsync(
        string location, string id, IncidentActionRequest? request, AlertService alerts, HttpContext context, AuditLog audit) =>
        ActOnIncidentAsync(context, audit, AuditActions.Resolved, request?.Comment, who => alerts.ResolveAsync(location, id, who, request?.Comment, context.RequestAborted));

    private static Task<Results<Ok<IncidentView>, ProblemHttpResult>> CommentAsync(
        string location, string id, IncidentActionRequest? request, AlertService alerts, HttpContext context, AuditLog audit) =>
        ActOnIncidentAsync(context, audit, AuditActions.Commented, request?.Comment, who => alerts.CommentAsync(location, id, who, request?.Comment, context.RequestAborted));

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> ActOnIncidentAsync(
        HttpContext context, AuditLog audit, string action, string? comment, Func<string, Task<Incident>> act)
    {
        Incident incident;
        try
        {
            incident = await act(UserOf(context.User));
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ArgumentException e)
        {
            return Invalid(e.MessageWithoutParameter());
        }
        await AuditAsync(audit, context, action, AuditDetails.Incident(incident, comment));
        return TypedResults.Ok(IncidentView.Of(incident));
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetterView>>, ProblemHttpResult>> ListDeadLettersAsync(
        string? consumer, int? limit, IDeadLetterStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
            return Invalid($"limit must be 1 to {MaxPageSize}; it is {limit}.");
        var letters = await store.ListAsync(string.IsNullOrEmpty(consumer) ? null : consumer, limit ?? 100, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeadLetterView>>(letters.Select(DeadLetterView.Of).ToList());
    }

    private static async Task<Results<Ok<RedriveView>, ProblemHttpResult>> RedriveAsync(
        DeadLetterSelection selection, IDeadLetterStore store, DeadLetterRedrive redrive, HttpContext context, AuditLog audit)
    {
        if (SelectionProblem(selection) is { } problem)
            return problem;
        var wanted = selection.Letters.ToHashSet();
        var letters = new List<DeadLetter>();
        foreach (var consumer in wanted.Select(k => k.Consumer).Distinct())
            letters.AddRange((await store.ListAsync(consumer, int.MaxValue, context.RequestAborted)).Where(l => wanted.Contains(l.Key)));
        var result = await redrive.RedriveAsync(letters, context.RequestAborted);
        await AuditAsync(audit, context, AuditActions.Redriven, AuditDetails.Redriven(result, letters));
        return TypedResults.Ok(new RedriveView(result.RecordsPut, result.LettersRemoved, result.Errors));
    }

    private static async Task<Results<Ok<int>, ProblemHttpResult>> DeleteDeadLettersAsync(DeadLetterSelection selection, IDeadLetterStore store, HttpContext context, AuditLog audit)
    {
        if (SelectionProblem(selection) is { } problem)
            return problem;
        var deleted = await store.DeleteAsync(selection.Letters.Distinct().ToList(), context.RequestAborted);
        await AuditAsync(audit, context, AuditActions.DeadLettersDeleted, AuditDetails.DeadLettersDeleted(deleted, selection.Letters));
        return TypedResults.Ok(deleted);
    }

    private static async Task<Results<Ok<IReadOnlyList<ShardView>>, ProblemHttpResult>> ListShardsAsync(string stream, IStreamClient streams, CancellationToken cancellationToken)
    {
        if (KinesisRules.StreamNameError(stream) is { } error)
            return Invalid($"stream: {error}");
        try
        {
            return TypedResults.Ok<IReadOnlyList<ShardView>>((await streams.ListShardsAsync(stream, cancellationToken)).Select(ShardView.Of).ToList());
        }
        catch (ResourceNotFoundException)
        {
            return UnknownStream(stream);
        }
    }

    private static async Task<Results<Ok<ShardCountView>, ProblemHttpResult>> UpdateShardCountAsync(
        string stream, ShardCountRequest? request, IStreamClient streams, HttpContext context, AuditLog audit)
    {
        if (KinesisRules.StreamNameError(stream) is { } error)
            return Invalid($"stream: {error}");
        if (request?.TargetShardCount is not { } target)
            return Invalid("targetShardCount is required: the number of open shards wanted, from half to double the current count.");
        ShardCountUpdate update;
        try
        {
            update = await streams.UpdateShardCountAsync(stream, target, context.RequestAborted);
        }
        catch (ResourceNotFoundException)
        {
            return UnknownStream(stream);
        }
        catch (StreamValidationException e)
        {
            return Invalid($"targetShardCount: {e.Message}");
        }
        await AuditAsync(audit, context, AuditActions.ShardCountChanged, AuditDetails.ShardCountChanged(update));
        return TypedResults.Ok(new ShardCountView(update.StreamName, update.CurrentShardCount, update.TargetShardCount));
    }

    private static ProblemHttpResult UnknownStream(string name) =>
        TypedResults.Problem($"There is no stream '{name}'.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult? SelectionProblem(DeadLetterSelection? selection) =>
        selection?.Letters is not { Count: > 0 } letters ? Invalid("letters must name at least one dead letter.")
        : letters.Count > MaxPageSize ? Invalid($"letters may name at most {MaxPageSize} dead letters at once; it names {letters.Count}.")
        : letters.Any(k => string.IsNullOrEmpty(k?.Consumer) || string.IsNullOrEmpty(k.StreamName) || string.IsNullOrEmpty(k.ShardId) || string.IsNullOrEmpty(k.SequenceNumber))
            ? Invalid("Each letter needs consumer, streamName, shardId and sequenceNumber.")
        : null;

    private static DatasetStatus StatusOf(WindSimulator simulator, WindDataset dataset) =>
        new(dataset.ToString().ToLowerInvariant(), dataset.DisplayName(), simulator.RunOf(dataset) is { } run ? RunStatusView.Of(run) : null);

    private static WindDataset? ParseDataset(string name) =>
        Enum.TryParse<WindDataset>(name, ignoreCase: true, out var dataset) && Enum.IsDefined(dataset) && !int.TryParse(name, out _) ? dataset : null;

    private static ProblemHttpResult UnknownDataset(string name) =>
        TypedResults.Problem($"There is no dataset '{name}'; the datasets are {string.Join(", ", Enum.GetNames<WindDataset>().Select(n => n.ToLowerInvariant()))}.",
            statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");

    private static string UserOf(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    /// <summary>Records an action done through the API: the pages' wording, marked "(API)".</summary>
    private static Task AuditAsync(AuditLog audit, HttpContext context, string action, string detail) =>
        audit.RecordAsync(action, UserOf(context.User), context.Connection.RemoteIpAddress?.ToString(), detail + " (API)");
}
