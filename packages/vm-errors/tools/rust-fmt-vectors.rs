// Generates formatting vectors from the real Rust implementations (std, bytesize 1.1.0,
// near-token 0.3.2, near-gas 0.3.2) for cross-checking the TypeScript formatters.
use bytesize::ByteSize;
use near_gas::NearGas;
use near_token::NearToken;

fn js_str(s: &str) -> String {
    // JSON string literal
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 || (c as u32) >= 0x7f => {
                let mut b = [0u16; 2];
                for u in c.encode_utf16(&mut b) { o.push_str(&format!("\\u{:04x}", u)); }
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

struct Lcg(u64);
impl Lcg { fn next(&mut self) -> u64 { self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); self.0 } }

fn main() {
    let mut rng = Lcg(42);
    let mut out: Vec<String> = Vec::new();

    // bytesize
    let mut bs: Vec<u64> = vec![0,1,999,1000,1001,1023,1024,1025,1049,1050,1051,1149,1150,1151,1250,1350,2250,9950,9999,99_950,999_949,999_950,999_999,1_000_000,1_048_575,1_048_576,1_048_577,1_500_000,4_000_000,4_194_304,16_000_000,50_000_000,1_000_000_000,1_073_741_823,1_073_741_824,1_073_741_825,1_073_741_826,1_099_511_627_776,1_099_511_629_537,1_099_511_629_538,1_099_511_629_539,u64::MAX, 1u64<<50, (1u64<<50)+1, (1u64<<60)];
    for _ in 0..200 { let r = rng.next(); let shift = r % 64; bs.push(rng.next() >> shift); }
    out.push(format!("\"byteSize\":[{}]", bs.iter().map(|b| format!("[\"{}\",{}]", b, js_str(&ByteSize::b(*b).to_string()))).collect::<Vec<_>>().join(",")));

    // near-token
    let mut nt: Vec<u128> = vec![0,1,10u128.pow(21)-1,10u128.pow(21),10u128.pow(21)+1,999*10u128.pow(21),999*10u128.pow(21)+1,10u128.pow(24)-1,10u128.pow(24),10u128.pow(24)+1,1234*10u128.pow(21),10u128.pow(22)*5+1, u128::MAX, u128::MAX-1, 100_000*10u128.pow(24)];
    for _ in 0..200 { let r = ((rng.next() as u128) << 64) | rng.next() as u128; let shift = (rng.next() % 128) as u32; nt.push(r >> shift); }
    out.push(format!("\"nearToken\":[{}]", nt.iter().map(|b| format!("[\"{}\",{}]", b, js_str(&NearToken::from_yoctonear(*b).to_string()))).collect::<Vec<_>>().join(",")));

    // near-gas
    let mut ng: Vec<u64> = vec![0,1,999_999_999,1_000_000_000,1_000_000_001,999_000_000_000,999_000_000_001,1_000_000_000_000,1_000_000_000_001,1_050_000_000_000,300_000_000_000_000,1_000_000_000_000_000,u64::MAX];
    for _ in 0..200 { let shift = rng.next() % 64; ng.push(rng.next() >> shift); }
    out.push(format!("\"nearGas\":[{}]", ng.iter().map(|b| format!("[\"{}\",{}]", b, js_str(&NearGas::from_gas(*b).to_string()))).collect::<Vec<_>>().join(",")));

    // f64 {:.3} and {:.1} and {:?}
    let mut fl: Vec<f64> = vec![0.0,1.0,0.5,0.0625,0.0005,0.0015,0.0025,0.0035,0.1235,0.9995,0.99951,0.12345,1.0/3.0,2.0/3.0,0.00049999,0.25,0.125,0.375,1.25,1.35,2.5,0.05,0.15,0.45,1e-5,1e-4,0.1,123.456,1e15,1e16,1.5e-7,1e300,5e-324,0.3,0.7,0.999,1048.576,1.048576,4.194304,1073.741825];
    for _ in 0..300 { let r = (rng.next() >> 11) as f64 / (1u64<<53) as f64; fl.push(r); }
    for _ in 0..100 { let r = (rng.next() % 1_000_000) as f64 / 1000.0 + 0.0005; fl.push(r); }
    out.push(format!("\"f64\":[{}]", fl.iter().map(|x| format!("[\"{:e}\",{},{},{}]", x, js_str(&format!("{:.3}", x)), js_str(&format!("{:.1}", x)), js_str(&format!("{:?}", x)))).collect::<Vec<_>>().join(",")));
    // f64 given as exact bits for JS to reconstruct
    out.push(format!("\"f64bits\":[{}]", fl.iter().map(|x| format!("\"{:016x}\"", x.to_bits())).collect::<Vec<_>>().join(",")));

    // str Debug: ranges of code points whose Debug form is not the char itself
    let mut ranges: Vec<(u32,u32)> = Vec::new();
    let mut specials: Vec<String> = Vec::new();
    for cp in 0u32..=0x10FFFF {
        let Some(c) = char::from_u32(cp) else { continue };
        let s = c.to_string();
        let d = format!("{:?}", s);
        let inner = &d[1..d.len()-1];
        if inner != s {
            let expect_u = format!("\\u{{{:x}}}", cp);
            if inner != expect_u { specials.push(format!("[{},{}]", cp, js_str(inner))); }
            match ranges.last_mut() { Some(r) if r.1 + 1 == cp => r.1 = cp, _ => ranges.push((cp,cp)) }
        }
    }
    out.push(format!("\"strDebugEscapedRanges\":[{}]", ranges.iter().map(|(a,b)| format!("[{},{}]",a,b)).collect::<Vec<_>>().join(",")));
    out.push(format!("\"strDebugSpecial\":[{}]", specials.join(",")));
    // combined strings: grapheme-extend after a base char
    let samples = ["e\u{301}", "\u{301}", "a\u{200b}b", "tab\there", "quote\"back\\slash'", "nul\0", "emoji😀", "nbsp\u{a0}", "bidi\u{202e}", "\u{7f}del", "line\u{2028}sep", "zwj\u{200d}x", "é", "ĳ"];
    out.push(format!("\"strDebugSamples\":[{}]", samples.iter().map(|s| format!("[{},{}]", js_str(s), js_str(&format!("{:?}", s)))).collect::<Vec<_>>().join(",")));
    println!("{{{}}}", out.join(","));
}
