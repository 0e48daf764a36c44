import * as assert from "node:assert/strict";
import { UndecidedError, checkAll, checkEach, isUnknownValueError, undecided, unknownCheckingProxy, unknownStringSentinel } from "../../../policies/lib/unknowns";
import { MalformedValueError } from "../../../policies/lib/values";

describe("policies/lib/unknowns: values not known at preview time", () => {
    it("undecided throws an unknown-value error the engine reports as such, with a sentence saying what is not known", () => {
        let thrown: unknown;
        try {
            undecided('the arn of aws:iam/role:Role "r"');
        } catch (e) {
            thrown = e;
        }
        assert.ok(thrown instanceof UndecidedError);
        assert.ok(isUnknownValueError(thrown));
        assert.equal(thrown.message, 'cannot decide yet: the arn of aws:iam/role:Role "r" is not known until the resources are created; it is checked again when it is');
        assert.deepEqual((thrown as unknown as { props: string[]; unknownTypeSentinel: string }).props, []);
        assert.equal((thrown as unknown as { unknownTypeSentinel: string }).unknownTypeSentinel, unknownStringSentinel);
    });

    it("the engine's proxy throws the same kind of error on an unknown string; other errors are not unknowns", () => {
        const props = unknownCheckingProxy({ arn: unknownStringSentinel, name: "r" });
        assert.equal(props.name, "r");
        assert.throws(() => props.arn, (e: unknown) => isUnknownValueError(e));
        assert.equal(isUnknownValueError(new Error("x")), false);
        assert.equal(isUnknownValueError(new MalformedValueError("f", "a string", 1)), false);
    });

    describe("checkEach", () => {
        const unknown = new UndecidedError("unknown 1");
        const unknown2 = new UndecidedError("unknown 2");
        const malformed = new MalformedValueError("f", "a string", 1);
        const malformed2 = new MalformedValueError("g", "a string", 2);

        async function rejection(items: (Error | undefined)[]): Promise<{ error: unknown; ran: number }> {
            let ran = 0;
            try {
                await checkEach(items, (e) => {
                    ran++;
                    if (e) {
                        throw e;
                    }
                });
            } catch (error) {
                return { error, ran };
            }
            return { error: undefined, ran };
        }

        it("runs every check past unknowns and malformed values, then rethrows the first malformed one, else the first unknown", async () => {
            assert.deepEqual(await rejection([undefined, undefined]), { error: undefined, ran: 2 });
            const a = await rejection([unknown, malformed2, unknown2, malformed, undefined]);
            assert.equal(a.error, malformed2);
            assert.equal(a.ran, 5);
            const b = await rejection([unknown, unknown2, undefined]);
            assert.equal(b.error, unknown);
            assert.equal(b.ran, 3);
            const c = await rejection([malformed, unknown]);
            assert.equal(c.error, malformed);
        });

        it("stops at once on any other error: a bug must not pass for an unknown", async () => {
            const bug = new TypeError("bug");
            const r = await rejection([unknown, bug, malformed]);
            assert.equal(r.error, bug);
            assert.equal(r.ran, 2);
        });

        it("checkAll runs independent checks the same way", async () => {
            const ran: string[] = [];
            await assert.rejects(
                checkAll([() => { ran.push("a"); throw unknown; }, async () => { ran.push("b"); await Promise.resolve(); }, () => { ran.push("c"); throw malformed; }]),
                (e) => e === malformed,
            );
            assert.deepEqual(ran, ["a", "b", "c"]);
        });
    });
});
