using System.Net.Mime;
using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// Raw JSON (<c>application/json</c>, no MassTransit envelope) is a <see cref="MeetingCompleted"/> and nothing else.
/// MassTransit's raw deserializer offers a body without message type headers as every type the endpoint consumes, so
/// the saga also read each raw meeting as a step result, a fault and a replay, and those copies went to
/// <c>_error</c> (security review 12). A message type header a publisher sets is ignored: the step results and
/// faults the saga consumes arrive in envelopes only. A body that is not a JSON object is refused here, into <c>_error</c>.
/// </summary>
public sealed class RawMeetingCompletedSerializerFactory : ISerializerFactory, IMessageDeserializer
{
    static readonly string[] MeetingCompletedOnly = [MessageUrn.ForTypeString<MeetingCompleted>()];
    const RawSerializerOptions Options = RawSerializerOptions.Default; // without AnyMessageType: the type list above decides

    readonly SystemTextJsonRawMessageSerializer raw = new(Options);

    public ContentType ContentType => raw.ContentType;

    public IMessageSerializer CreateSerializer() => raw;

    public IMessageDeserializer CreateDeserializer() => this;

    public void Probe(ProbeContext context) => raw.Probe(context);

    public MessageBody GetMessageBody(string text) => raw.GetMessageBody(text);

    public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
        new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        JsonElement message;
        try
        {
            message = JsonSerializer.Deserialize<JsonElement>(body.GetBytes(), SystemTextJsonMessageSerializer.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SerializationException("The raw message is not JSON.", e);
        }

        if (message.ValueKind != JsonValueKind.Object)
            throw new SerializationException($"A raw message must be a MeetingCompleted JSON object, not {message.ValueKind}.");

        return new SystemTextJsonRawSerializerContext(SystemTextJsonMessageSerializer.Instance, SystemTextJsonMessageSerializer.Options,
            ContentType, new RawMessageContext(headers, destinationAddress!, Options), MeetingCompletedOnly, Options, message);
    }
}
