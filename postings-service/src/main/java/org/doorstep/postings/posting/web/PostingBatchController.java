package org.doorstep.postings.posting.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.doorstep.postings.openapi.ApiExamples;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.posting.app.PostingService;
import org.doorstep.postings.problem.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * NDJSON batch upsert: the body is read as a stream, each line is a posting with its externalId, and
 * the answer streams one result line per (non-blank) input line, in order. A bad line does not stop
 * the good ones. The whole batch counts as one request for the partner's rate limit.
 */
@RestController
@Tag(name = "Postings")
class PostingBatchController {

    static final String NDJSON = "application/x-ndjson";
    /** Chunks of one batch processed at once: one written while another waits for the broker. */
    private static final int CHUNKS_IN_FLIGHT = 2;
    private static final Logger log = LoggerFactory.getLogger(PostingBatchController.class);

    private final PartnerRequests partners;
    private final PostingService postings;
    private final PostingApiProperties properties;
    private final PostingBodies bodies;

    PostingBatchController(PartnerRequests partners, PostingService postings, PostingApiProperties properties,
                           PostingBodies bodies) {
        this.partners = partners;
        this.postings = postings;
        this.properties = properties;
        this.bodies = bodies;
    }

    /** The result of one input line: HTTP-like status (201, 200, 400, 413, 500), outcome and problems. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineResult(long line, String externalId, int status, String outcome, String postingId, Long version,
                      List<Violation> problems) {

        static LineResult rejected(long line, String externalId, int status, List<Violation> problems) {
            return new LineResult(line, externalId, status, "REJECTED", null, null, problems);
        }
    }

    @Operation(summary = "Upsert up to 10,000 postings as NDJSON (one posting with its externalId per line)",
            description = "Streams one result line per input line: {line, externalId, status, outcome, postingId, "
                    + "version} or {line, externalId, status, outcome: REJECTED, problems: [{field, reason}]}.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = NDJSON,
            schema = @Schema(implementation = PostingRequest.class, description = "each line: a posting with its "
                    + "externalId"), examples = @ExampleObject(value = ApiExamples.BATCH_REQUEST)))
    @ApiResponse(responseCode = "200", description = "One result line per non-blank input line, in order",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = LineResult.class),
                    examples = @ExampleObject(value = ApiExamples.BATCH_RESPONSE)))
    @PostMapping(path = "/api/v1/postings:batch", consumes = NDJSON, produces = NDJSON)
    Flux<LineResult> batch(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                           ServerHttpRequest request) {
        int maxLines = properties.maxBatchLines();
        AtomicLong accepted = new AtomicLong();
        ChunkOrdering ordering = new ChunkOrdering();
        return partners.admit(auth, request)
                .flatMapMany(partner -> NdjsonLines.split(request.getBody(), properties.maxBodyBytes())
                        .map(line -> read(line, accepted.incrementAndGet() > maxLines, maxLines))
                        .buffer(properties.batchChunkSize())
                        // CHUNKS_IN_FLIGHT at a time, answers in input order; lines naming the same
                        // externalId still apply in order (ChunkOrdering)
                        .flatMapSequential(chunk -> ordering.schedule(
                                ChunkOrdering.externalIds(chunk.stream().map(Item::externalId).toList()),
                                upsertChunk(partner.partnerId(), chunk).collectList()), CHUNKS_IN_FLIGHT)
                        .flatMapIterable(results -> results));
    }

    /** A line read: either already answered (rejected) or a posting to validate against the campaigns and store. */
    private record Item(long line, LineResult answer, String externalId, PostingBodies.Parsed parsed) {
    }

    private Item read(NdjsonLines.Line line, boolean overLimit, int maxLines) {
        if (overLimit) {
            return new Item(line.number(), LineResult.rejected(line.number(), null, 413, List.of(
                    new Violation("$", "a batch holds at most " + maxLines + " lines"))), null, null);
        }
        if (line.tooLong()) {
            return new Item(line.number(), LineResult.rejected(line.number(), null, 413, List.of(
                    new Violation("$", "a line holds at most " + properties.maxBodyBytes() + " bytes"))), null, null);
        }
        PostingBodies.Line parsed = bodies.parseLine(line.bytes());
        return new Item(line.number(), null, parsed.externalId(), parsed.parsed());
    }

    private Flux<LineResult> upsertChunk(String partnerId, List<Item> chunk) {
        List<String> codes = chunk.stream().filter(i -> i.parsed() != null)
                .flatMap(i -> i.parsed().campaignCodes() == null ? java.util.stream.Stream.<String>empty()
                        : i.parsed().campaignCodes().stream())
                .distinct().toList();
        return bodies.unknownCampaigns(codes).flatMapMany(unknown -> {
            LineResult[] results = new LineResult[chunk.size()];
            List<Integer> valid = new java.util.ArrayList<>();
            List<PostingService.Command> commands = new java.util.ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Item item = chunk.get(i);
                if (item.answer() != null) {
                    results[i] = item.answer();
                    continue;
                }
                List<Violation> violations = PostingBodies.violations(item.parsed(), unknown);
                if (!violations.isEmpty()) {
                    results[i] = LineResult.rejected(item.line(), item.externalId(), 400, violations);
                } else {
                    valid.add(i);
                    commands.add(new PostingService.Command(item.externalId(), item.parsed().content()));
                }
            }
            return postings.upsertAll(partnerId, commands)
                    .map(outcomes -> {
                        for (int k = 0; k < valid.size(); k++) {
                            Item item = chunk.get(valid.get(k));
                            PostingService.Result result = outcomes.get(k);
                            results[valid.get(k)] = new LineResult(item.line(), item.externalId(),
                                    result.outcome() == PostingService.Outcome.CREATED ? 201 : 200,
                                    result.outcome().name(), result.posting().postingId(), result.posting().version(),
                                    null);
                        }
                        return List.of(results);
                    })
                    .onErrorResume(e -> {
                        log.warn("Batch chunk of {} line(s) failed: {}", chunk.size(), e.toString());
                        for (int index : valid) {
                            Item item = chunk.get(index);
                            results[index] = LineResult.rejected(item.line(), item.externalId(), 500,
                                    List.of(new Violation("$", "could not be stored; retry this line")));
                        }
                        return Mono.just(List.of(results));
                    })
                    .flatMapIterable(list -> list);
        });
    }
}
