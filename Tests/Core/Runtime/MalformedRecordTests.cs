using System.Text;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Core.Runtime;

public class MalformedRecordTests
{
    private static readonly Dictionary<string, string> s_malformed = new()
    {
        ["not json"] = "this is not json",
        ["missing speed"] = """{"location":"Chicago","turbine":"CHI-01","timestamp":"2026-11-30T00:00:05Z","seq":5}""",
        ["speed as text"] = """{"location":"Chicago","turbine":"CHI-01","speed":"31","timestamp":"2026-11-30T00:00:05Z","seq":5}""",
        ["NaN speed"] = """{"location":"Chicago","turbine":"CHI-01","speed":"NaN","timestamp":"2026-11-30T00:00:05Z","seq":5}""",
        ["negative speed"] = """{"location":"Chicago","turbine":"CHI-01","speed":-12,"timestamp":"2026-11-30T00:00:05Z","seq":5}""",
        ["absurd speed"] = """{"location":"Chicago","turbine":"CHI-01","speed":4000,"timestamp":"2026-11-30T00:00:05Z","seq":5}""",
        ["seq as text"] = """{"location":"Chicago","turbine":"CHI-01","speed":31,"timestamp":"2026-11-30T00:00:05Z","seq":"five"}""",
        ["markup in the turbine name"] = """{"location":"Chicago","turbine":"<img src=x onerror=alert(1)>","speed":31,"timestamp":"2026-11-30T00:00:05Z","seq":5}""",
        ["line break in the location"] = """{"location":"Chicago\r\nBcc: x@example.com","turbine":"CHI-01","speed":31,"timestamp":"2026-11-30T00:00:05Z","seq":5}""",
    };

    [Fact]
    public async Task Malformed_readings_end_in_the_dead_letter_store_with_a_reason_and_the_rest_of_their_batch_is_stored()
    {
        await using var fixture = PipelineFixture.Create();
        var backend = await fixture.OpenAsync();
        var good = PipelineFixture.AnomalyDataset(100, locations: 1, turbines: 2).Select(r => r.Reading).ToList();
        var entries = good.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList();
        // Interleave the bad ones with the good ones, so they share batches.
        var bad = s_malformed.Values.Select(p => new PutRecordsEntry("Chicago", Encoding.UTF8.GetBytes(p)))
            .Append(new PutRecordsEntry("Chicago", OneMegabytePayload())).ToList();
        for (var i = 0; i < bad.Count; i++)
            entries.Insert(10 + i * 20, bad[i]);
        await new StreamPublisher(backend.Streams).PutAllAsync(fixture.Options.Streams.WindData, entries);

        await fixture.StartAsync();
        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, ["Chicago"], good.Count);

        Assert.Equal(good.Count, items.Count);
        var deadLetters = await WaitForDeadLettersAsync(fixture, "AnomalyDetection", bad.Count);
        Assert.Equal(bad.Count, deadLetters.Count);
        Assert.All(deadLetters, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Contains(deadLetters, d => d.Reason.Contains("not valid JSON"));
        Assert.Contains(deadLetters, d => d.Reason.Contains("'speed' is missing"));
        Assert.Contains(deadLetters, d => d.Reason.Contains("'speed' is -12"));
        Assert.Contains(deadLetters, d => d.Reason.Contains("'speed' is 4000"));
        Assert.Contains(deadLetters, d => d.Reason.Contains("'seq' must be a whole number"));
        Assert.Contains(deadLetters, d => d.Reason.Contains("bytes; a reading is at most"));
        Assert.Contains(deadLetters, d => d.Reason.Contains("Field 'turbine' contains '<'"));
        Assert.Contains(deadLetters, d => d.Reason.Contains("Field 'location' contains U+000D"));
        // The payload is kept unchanged, so nothing is lost.
        Assert.Contains(deadLetters, d => Encoding.UTF8.GetString(d.Data.Span) == s_malformed["not json"]);
        // The max-speed job saw the same bad records and dead-lettered them too, under its own name.
        Assert.Equal(bad.Count, (await WaitForDeadLettersAsync(fixture, "CalculateMaxSpeed", bad.Count)).Count);
    }

    [Fact]
    public async Task Malformed_results_reaching_the_destination_function_are_dead_lettered_and_the_rest_stored()
    {
        await using var fixture = PipelineFixture.Create();
        var backend = await fixture.OpenAsync();
        var reading = new WindReading("Chicago", "CHI-01", 30, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), 1, "normal");
        var entries = new List<PutRecordsEntry>
        {
            new("Chicago", AnomalyResultCodec.Encode(new AnomalyResult(reading, 0.7, 0, null))),
            new("Chicago", Encoding.UTF8.GetBytes("""{"location":"Chicago","speed":30,"score":"3"}""")),
            new("Chicago", AnomalyResultCodec.Encode(new AnomalyResult(reading with { Seq = 2 }, 10.4, 1, 30))),
        };
        await new StreamPublisher(backend.Streams).PutAllAsync(fixture.Options.Streams.AnomalyDetection, entries);

        await fixture.StartAsync();
        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, ["Chicago"], 2);

        Assert.Equal([0.7, 10.4], items.Select(i => i.GetNumber("score")).Order());
        var deadLetter = Assert.Single(await WaitForDeadLettersAsync(fixture, "AnalyticsDestinationFunction", 1));
        Assert.Contains("'turbine' is missing", deadLetter.Reason);
        Assert.Equal(fixture.Options.Streams.AnomalyDetection, deadLetter.StreamName);
    }

    private static byte[] OneMegabytePayload()
    {
        var payload = new byte[1024 * 1024 - 100];
        Array.Fill(payload, (byte)' ');
        var json = Encoding.UTF8.GetBytes("""{"location":"Chicago","turbine":"CHI-01","speed":31,"timestamp":"2026-11-30T00:00:05Z","seq":5}""");
        json.CopyTo(payload, 0);
        return payload;
    }

    private static async Task<IReadOnlyList<Pipeline.DeadLetters.DeadLetter>> WaitForDeadLettersAsync(PipelineFixture fixture, string consumer, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var letters = await fixture.Backend!.DeadLetters.ListAsync(consumer, 1000);
            if (letters.Count >= count || DateTime.UtcNow > deadline)
                return letters;
            await Task.Delay(50);
        }
    }
}
