using System.Text;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Tests.Core.Records;

public class WindReadingCodecTests
{
    private static readonly WindReading s_reading = new("Chicago", "CHI-07", 31.4, new DateTimeOffset(2026, 11, 30, 12, 0, 0, 123, TimeSpan.Zero), 1042, "normal");

    [Fact]
    public void Encoded_reading_has_the_designed_json_shape()
    {
        var json = Encoding.UTF8.GetString(WindReadingCodec.Encode(s_reading));

        Assert.Equal("""{"location":"Chicago","turbine":"CHI-07","speed":31.4,"timestamp":"2026-11-30T12:00:00.123Z","seq":1042,"dataset":"normal"}""", json);
    }

    [Fact]
    public void Decode_reads_back_what_encode_wrote()
    {
        Assert.Equal(s_reading, WindReadingCodec.Decode(WindReadingCodec.Encode(s_reading)));
    }

    [Fact]
    public void Decode_accepts_an_offset_and_converts_it_to_utc()
    {
        var reading = WindReadingCodec.Decode(Encoding.UTF8.GetBytes("""{"location":"Tulsa","turbine":"TUL-01","speed":12,"timestamp":"2026-11-30T06:00:00-06:00","seq":0}"""));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), reading.Timestamp);
        Assert.Equal(TimeSpan.Zero, reading.Timestamp.Offset);
        Assert.Equal("unknown", reading.Dataset);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2,3]", "not an object")]
    [InlineData("""{"turbine":"CHI-07","speed":31.4,"timestamp":"2026-11-30T12:00:00Z","seq":1}""", "'location' is missing")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":"fast","timestamp":"2026-11-30T12:00:00Z","seq":1}""", "'speed' must be a number")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":-3,"timestamp":"2026-11-30T12:00:00Z","seq":1}""", "'speed' is -3")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":9000,"timestamp":"2026-11-30T12:00:00Z","seq":1}""", "'speed' is 9000")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":1e400,"timestamp":"2026-11-30T12:00:00Z","seq":1}""", "'speed'")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":NaN,"timestamp":"2026-11-30T12:00:00Z","seq":1}""", "not valid JSON")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":31,"timestamp":"yesterday","seq":1}""", "'timestamp' is 'yesterday'")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":31,"timestamp":"2026-11-30T12:00:00","seq":1}""", "'timestamp'")]
    [InlineData("""{"location":"Chicago","turbine":"CHI-07","speed":31,"timestamp":"2026-11-30T12:00:00Z","seq":1.5}""", "'seq' must be a whole number")]
    [InlineData("""{"location":"","turbine":"CHI-07","speed":31,"timestamp":"2026-11-30T12:00:00Z","seq":1}""", "'location' must be 1 to 128")]
    [InlineData("""{"location":42,"turbine":"CHI-07","speed":31,"timestamp":"2026-11-30T12:00:00Z","seq":1}""", "'location' must be a string")]
    public void Malformed_readings_are_refused_with_a_reason_naming_the_problem(string payload, string expectedReason)
    {
        var error = Assert.Throws<RecordFormatException>(() => WindReadingCodec.Decode(Encoding.UTF8.GetBytes(payload)));

        Assert.Contains(expectedReason, error.Message);
    }

    [Fact]
    public void A_one_megabyte_payload_is_refused_as_too_large()
    {
        var payload = new byte[1024 * 1024];
        Array.Fill(payload, (byte)' ');

        var error = Assert.Throws<RecordFormatException>(() => WindReadingCodec.Decode(payload));

        Assert.Contains("1,048,576 bytes", error.Message);
    }

    [Theory]
    [InlineData("2026-11-30T12:00:00.123Z", "2026-11-30T12:00:00.1230000+00:00")]
    [InlineData("2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.9990000+00:00")]
    [InlineData("2026-11-30T12:00:00.1234567Z", "2026-11-30T12:00:00.1234567+00:00")]
    [InlineData("2026-11-30T13:00:00.123+01:00", "2026-11-30T12:00:00.1230000+00:00")]
    public void Timestamps_in_the_canonical_and_other_iso_forms_read_the_same_instant(string text, string expected)
    {
        var json = $$"""{"location":"Tulsa","turbine":"TUL-01","speed":12,"timestamp":"{{text}}","seq":0}""";

        Assert.Equal(DateTimeOffset.Parse(expected), WindReadingCodec.Decode(Encoding.UTF8.GetBytes(json)).Timestamp);
    }

    [Theory]
    [InlineData("2026-02-30T12:00:00.000Z")]
    [InlineData("2026-11-30T24:00:00.000Z")]
    [InlineData("2026-11-30T12:00:00.0a0Z")]
    public void Impossible_canonical_timestamps_are_refused(string text)
    {
        var json = $$"""{"location":"Tulsa","turbine":"TUL-01","speed":12,"timestamp":"{{text}}","seq":0}""";

        Assert.Throws<RecordFormatException>(() => WindReadingCodec.Decode(Encoding.UTF8.GetBytes(json)));
    }
}
