using System.Text;
using System.Text.Json;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Tests.Core.Records;

public class AnomalyResultCodecTests
{
    private static readonly WindReading s_reading = new("Chicago", "CHI-07", 96.2, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), 7, "anomaly");

    [Fact]
    public void Result_carries_the_labs_keys_as_numbers()
    {
        using var json = JsonDocument.Parse(AnomalyResultCodec.Encode(new AnomalyResult(s_reading, 4.25, 0.8, 31.5)));
        var root = json.RootElement;

        Assert.Equal("Chicago", root.GetProperty("location").GetString());
        Assert.Equal(96.2, root.GetProperty("speed").GetDouble());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("score").ValueKind);
        Assert.Equal(4.25, root.GetProperty("score").GetDouble());
        Assert.Equal(31.5, root.GetProperty("expectedSpeed").GetDouble());
    }

    [Fact]
    public void Decode_reads_back_what_encode_wrote_with_and_without_expected_speed()
    {
        var flagged = new AnomalyResult(s_reading, 4.25, 0.8, 31.5);
        var normal = new AnomalyResult(s_reading with { SpeedMph = 20 }, 0.71, 0, null);

        Assert.Equal(flagged, AnomalyResultCodec.Decode(AnomalyResultCodec.Encode(flagged)));
        Assert.Equal(normal, AnomalyResultCodec.Decode(AnomalyResultCodec.Encode(normal)));
    }

    [Fact]
    public void The_attribution_of_a_flagged_result_is_read_back_and_a_record_written_before_it_was_carried_reads_without_one()
    {
        var flagged = new AnomalyResult(s_reading, 4.25, 0.8, 31.5) { Attribution = new SpeedAttribution(4.0, 0.25) };
        var old = Encoding.UTF8.GetBytes("""{"location":"Chicago","turbine":"CHI-07","speed":96.2,"timestamp":"2026-11-30T12:00:00Z","seq":7,"score":4.25,"grade":0.8,"expectedSpeed":31.5}""");

        Assert.Equal(flagged, AnomalyResultCodec.Decode(AnomalyResultCodec.Encode(flagged)));
        Assert.Null(AnomalyResultCodec.Decode(old).Attribution);
    }

    [Fact]
    public void An_attribution_with_one_share_missing_is_refused_naming_it()
    {
        var payload = Encoding.UTF8.GetBytes("""{"location":"Chicago","turbine":"CHI-07","speed":31,"timestamp":"2026-11-30T12:00:00Z","seq":1,"score":4,"attributionHigh":3.5}""");

        var error = Assert.Throws<RecordFormatException>(() => AnomalyResultCodec.Decode(payload));

        Assert.Contains("'attributionLow'", error.Message);
    }

    [Fact]
    public void A_result_without_a_score_is_refused()
    {
        var payload = Encoding.UTF8.GetBytes("""{"location":"Chicago","turbine":"CHI-07","speed":31,"timestamp":"2026-11-30T12:00:00Z","seq":1}""");

        var error = Assert.Throws<RecordFormatException>(() => AnomalyResultCodec.Decode(payload));

        Assert.Contains("'score' is missing", error.Message);
    }
}
