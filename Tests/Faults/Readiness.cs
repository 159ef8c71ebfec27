using System.Net;

namespace TurbineConsole.Tests.Faults;

/// <summary>
/// The readiness part of the fault tests: <c>/health/ready</c> must say "not ready" during a fault and "ready" after it.
/// An app without the endpoint (404) fails the checks (<see cref="Required"/>).
/// </summary>
internal static class Readiness
{
    /// <summary>Whether an app without <c>/health/ready</c> fails the checks.</summary>
    public static readonly bool Required = true;

    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Probes the app every half second while <paramref name="fault"/> runs and asserts that it said "not ready" at least
    /// once (a 503, or no answer); skipped when the endpoint is not there.
    /// </summary>
    public static async Task AssertUnhealthyDuringAsync(string baseUrl, Func<Task> fault, Action<string> log)
    {
        var answers = new List<HttpStatusCode?>();
        using var stop = new CancellationTokenSource();
        var probing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var answer = await ProbeAsync(baseUrl);
                lock (answers)
                    answers.Add(answer);
                try
                {
                    await Task.Delay(500, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        try
        {
            await fault();
        }
        finally
        {
            await stop.CancelAsync();
            await probing;
        }

        if (!Available(answers, log))
            return;
        Assert.True(answers.Any(a => a != HttpStatusCode.OK), $"/health/ready answered 200 throughout the fault ({answers.Count} probes).");
    }

    /// <summary>Asserts that <c>/health/ready</c> answers 200 within <paramref name="timeout"/>; skipped when the endpoint is not there.</summary>
    public static async Task AssertHealthyAfterAsync(string baseUrl, TimeSpan timeout, Action<string> log)
    {
        var deadline = DateTime.UtcNow + timeout;
        HttpStatusCode? answer;
        while ((answer = await ProbeAsync(baseUrl)) is not (HttpStatusCode.OK or HttpStatusCode.NotFound) && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        if (!Available([answer], log))
            return;
        Assert.True(answer == HttpStatusCode.OK, $"/health/ready answered {answer?.ToString() ?? "nothing"} {timeout.TotalSeconds:F0} s after the fault ended.");
    }

    /// <summary>The status of one probe, or null when the app did not answer.</summary>
    private static async Task<HttpStatusCode?> ProbeAsync(string baseUrl)
    {
        try
        {
            using var response = await s_http.GetAsync(new Uri(new Uri(baseUrl), "/health/ready"));
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>False (with a line in the test's output) when the app has no readiness endpoint yet.</summary>
    private static bool Available(IReadOnlyCollection<HttpStatusCode?> answers, Action<string> log)
    {
        if (answers.Any(a => a is not null and not HttpStatusCode.NotFound))
            return true;
        Assert.False(Required && answers.Any(a => a == HttpStatusCode.NotFound), "/health/ready answered 404: the app has no readiness endpoint.");
        log("/health/ready is not there (404): readiness not checked.");
        return false;
    }
}
