#!/usr/bin/env python3
"""Writes the demo sample (postings.ndjson, seekers.json) with a fixed seed. Run: python3 generate.py"""
import json, random
random.seed(20261125)
CITIES = [  # name, lat, lon, regionCode, currency, salary factor (monthly, local currency per CNY)
 ("Chengdu 成都", 30.5728, 104.0668, "510100", "CNY", 1.0), ("Beijing 北京", 39.9042, 116.4074, "110000", "CNY", 1.3),
 ("Shanghai 上海", 31.2304, 121.4737, "310000", "CNY", 1.35), ("Shenzhen 深圳", 22.5431, 114.0579, "440300", "CNY", 1.3),
 ("Guangzhou 广州", 23.1291, 113.2644, "440100", "CNY", 1.15), ("Wuhan 武汉", 30.5928, 114.3055, "420100", "CNY", 1.0),
 ("Xi'an 西安", 34.3416, 108.9398, "610100", "CNY", 0.9), ("Hangzhou 杭州", 30.2741, 120.1551, "330100", "CNY", 1.2),
 ("Chongqing 重庆", 29.5630, 106.5516, "500000", "CNY", 0.95), ("Zhengzhou 郑州", 34.7466, 113.6254, "410100", "CNY", 0.85),
 ("Kunming 昆明", 25.0389, 102.7183, "530100", "CNY", 0.8), ("Lanzhou 兰州", 36.0611, 103.8343, "620100", "CNY", 0.75),
 ("London", 51.5074, -0.1278, "GB-LND", "GBP", 0.11), ("Manchester", 53.4808, -2.2426, "GB-MAN", "GBP", 0.095),
 ("Nairobi", -1.2921, 36.8219, "KE-30", "KES", 12.0), ("São Paulo", -23.5505, -46.6333, "BR-SP", "BRL", 0.45),
 ("Berlin", 52.5200, 13.4050, "DE-BE", "EUR", 0.13),
]
JOBS = [  # english, chinese, isco, required, optional, education, minExp, base CNY/month, groups, accommodations, workplace, type
 ("Java backend developer", "Java后端开发工程师", "2512", ["Java", "SQL"], ["Spring Boot", "Kafka", "Git", "Linux"], "BACHELOR", 1, 14000, ["COLLEGE_GRADUATE"], ["FLEXIBLE_HOURS"], "HYBRID", "FULL_TIME"),
 ("Front-end developer", "前端开发工程师", "2513", ["JavaScript", "HTML"], ["React", "CSS", "TypeScript"], "BACHELOR", 1, 12000, ["COLLEGE_GRADUATE"], ["ASSISTIVE_TECH"], "REMOTE", "FULL_TIME"),
 ("Data analyst", "数据分析师", "2511", ["SQL", "Excel"], ["Python", "Statistics"], "BACHELOR", 0, 10000, ["COLLEGE_GRADUATE"], ["SCREEN_READER"], "HYBRID", "FULL_TIME"),
 ("Software testing engineer", "软件测试工程师", "2519", ["Software testing"], ["Java", "Linux", "SQL"], "VOCATIONAL", 0, 9000, ["COLLEGE_GRADUATE", "DISABLED"], ["ASSISTIVE_TECH", "FLEXIBLE_HOURS"], "ONSITE", "FULL_TIME"),
 ("Operations and maintenance engineer", "运维工程师", "2522", ["Linux"], ["Networking", "Shell scripting", "Docker"], "VOCATIONAL", 1, 10000, [], [], "ONSITE", "FULL_TIME"),
 ("Electrician", "电工", "7411", ["Electrical wiring"], ["Safety regulations", "Maintenance"], "VOCATIONAL", 1, 7000, ["MIGRANT_WORKER"], [], "ONSITE", "FULL_TIME"),
 ("Welder", "焊工", "7212", ["Welding"], ["Blueprint reading", "Safety regulations"], "SECONDARY", 1, 7500, ["MIGRANT_WORKER", "POVERTY_ALLEVIATED"], [], "ONSITE", "FULL_TIME"),
 ("Construction worker", "建筑工人", "9313", ["Construction"], ["Safety regulations", "Bricklaying"], "NONE", 0, 6500, ["MIGRANT_WORKER", "POVERTY_ALLEVIATED"], [], "ONSITE", "TEMPORARY"),
 ("Delivery rider", "外卖骑手", "9621", ["Driving"], ["Customer service", "Navigation"], "NONE", 0, 6000, ["UNEMPLOYED", "MIGRANT_WORKER"], ["FLEXIBLE_HOURS"], "ONSITE", "GIG"),
 ("Truck driver", "货车司机", "8332", ["Driving", "Logistics"], ["Vehicle maintenance"], "SECONDARY", 2, 8500, ["UNEMPLOYED"], [], "ONSITE", "FULL_TIME"),
 ("Warehouse operative", "仓库操作员", "9333", ["Warehouse operations"], ["Forklift operation", "Inventory management"], "NONE", 0, 5500, ["UNEMPLOYED", "EMPLOYMENT_DIFFICULTY"], ["WHEELCHAIR_ACCESS"], "ONSITE", "FULL_TIME"),
 ("Care worker for the elderly", "养老护理员", "5322", ["Elderly care"], ["First aid", "Communication"], "SECONDARY", 0, 6000, ["EMPLOYMENT_DIFFICULTY", "POVERTY_ALLEVIATED"], ["FLEXIBLE_HOURS"], "ONSITE", "FULL_TIME"),
 ("Nurse", "护士", "2221", ["Nursing", "Patient care"], ["First aid", "Communication"], "VOCATIONAL", 1, 8000, [], [], "ONSITE", "FULL_TIME"),
 ("Cook", "厨师", "5120", ["Cooking"], ["Food safety", "Teamwork"], "NONE", 1, 6500, ["MIGRANT_WORKER"], [], "ONSITE", "FULL_TIME"),
 ("Customer service representative", "客服专员", "4222", ["Customer service", "Communication"], ["Mandarin", "Computer literacy"], "SECONDARY", 0, 5500, ["DISABLED", "UNEMPLOYED"], ["ASSISTIVE_TECH", "SCREEN_READER"], "REMOTE", "FULL_TIME"),
 ("E-commerce live-stream host", "电商主播", "5244", ["Sales", "Communication"], ["Video editing", "Social media marketing"], "SECONDARY", 0, 8000, ["COLLEGE_GRADUATE", "POVERTY_ALLEVIATED"], ["FLEXIBLE_HOURS"], "HYBRID", "PART_TIME"),
 ("Solar panel installer", "光伏安装工", "7411", ["Solar panel installation", "Electrical wiring"], ["Working at heights", "Safety regulations"], "VOCATIONAL", 0, 8000, ["MIGRANT_WORKER"], [], "ONSITE", "FULL_TIME"),
 ("Electric vehicle technician", "新能源汽车维修技师", "7231", ["Vehicle maintenance", "Battery systems"], ["Electrical wiring", "Diagnostics"], "VOCATIONAL", 1, 9000, [], [], "ONSITE", "FULL_TIME"),
 ("Agricultural technician", "农业技术员", "3142", ["Agriculture"], ["Plant protection", "Irrigation"], "VOCATIONAL", 0, 6000, ["POVERTY_ALLEVIATED"], [], "ONSITE", "FULL_TIME"),
 ("Accountant", "会计", "2411", ["Accounting", "Excel"], ["Tax law", "Financial reporting"], "BACHELOR", 2, 9000, [], ["WHEELCHAIR_ACCESS"], "HYBRID", "FULL_TIME"),
 ("Primary school teacher", "小学教师", "2341", ["Teaching"], ["Mandarin", "Child care"], "BACHELOR", 0, 7000, ["COLLEGE_GRADUATE"], [], "ONSITE", "FULL_TIME"),
 ("Sales assistant", "销售助理", "5223", ["Sales", "Customer service"], ["Cash handling", "Communication"], "SECONDARY", 0, 5000, ["UNEMPLOYED"], ["FLEXIBLE_HOURS"], "ONSITE", "PART_TIME"),
 ("Security guard", "保安", "5414", ["Security"], ["First aid", "Patrolling"], "SECONDARY", 0, 4800, ["EMPLOYMENT_DIFFICULTY"], [], "ONSITE", "FULL_TIME"),
 ("Cleaner", "保洁员", "9112", ["Cleaning"], ["Safety regulations"], "NONE", 0, 4200, ["EMPLOYMENT_DIFFICULTY", "DISABLED"], ["FLEXIBLE_HOURS"], "ONSITE", "PART_TIME"),
 ("Machine learning engineer", "机器学习工程师", "2512", ["Python", "Machine learning"], ["SQL", "Statistics", "Linux"], "MASTER", 2, 22000, [], ["FLEXIBLE_HOURS"], "HYBRID", "FULL_TIME"),
 ("Graphic designer", "平面设计师", "2166", ["Graphic design"], ["Photoshop", "Illustrator"], "VOCATIONAL", 1, 8000, ["COLLEGE_GRADUATE"], ["ASSISTIVE_TECH"], "REMOTE", "FULL_TIME"),
 ("Intern software developer", "软件开发实习生", "2512", ["Java"], ["Git", "SQL", "Linux"], "BACHELOR", 0, 5000, ["COLLEGE_GRADUATE"], ["FLEXIBLE_HOURS"], "ONSITE", "INTERNSHIP"),
]
LANG = {"CNY": ["zh"], "GBP": ["en"], "KES": ["en", "sw"], "BRL": ["pt"], "EUR": ["de", "en"]}
def jitter(v, km): return round(v + random.uniform(-km, km) / 111.0, 5)
postings = []
for i in range(320):
    city = CITIES[0] if i < 60 else random.choice(CITIES)
    job = random.choice(JOBS)
    name, lat, lon, region, cur, f = city
    en, zh, isco, req, opt, edu, exp, base, groups, acc, wp, et = job
    chinese = cur == "CNY"
    lo = round(base * f * random.uniform(0.85, 1.05), -1 if cur != "KES" else -2)
    skills = [{"label": s, "required": True} for s in req] + [{"label": s, "required": False} for s in random.sample(opt, k=random.randint(1, len(opt)))]
    postings.append({
        "externalId": f"DEMO-{i + 1:04d}", "title": f"{en} / {zh}" if chinese else en,
        "description": f"{en} in {name}. Doorstep demo posting." + (f" {zh}，{name.split(' ')[-1]}。" if chinese else ""),
        "occupation": isco if random.random() < 0.7 else None, "skills": skills,
        "location": {"lat": jitter(lat, 12), "lon": jitter(lon, 12), "regionCode": region, "address": name},
        "workplace": wp, "employmentType": et,
        "salary": {"min": lo, "max": round(lo * 1.4, -1), "currency": cur, "period": "MONTH"},
        "vacancies": random.randint(1, 20), "education": edu, "minExperienceYears": exp,
        "targetGroups": groups, "accommodations": acc, "campaignCodes": [],
        "validThrough": "2099-01-01T00:00:00Z", "languages": LANG[cur]})
def clean(v):
    if isinstance(v, dict): return {k: clean(x) for k, x in v.items() if x is not None}
    if isinstance(v, list): return [clean(x) for x in v]
    return v
postings = [clean(p) for p in postings]
with open("postings.ndjson", "w") as out:
    for p in postings: out.write(json.dumps(p, ensure_ascii=False) + "\n")
def seeker(name, city, skills, occ, edu, exp, groups, sal, dist=30, needs=(), remote=True, types=("FULL_TIME",)):
    c = next(x for x in CITIES if x[0].startswith(city))
    return {"displayName": name,
            "location": {"lat": jitter(c[1], 4), "lon": jitter(c[2], 4), "regionCode": c[3]},
            "maxDistanceKm": dist, "remoteOk": remote, "desiredOccupations": occ,
            "skills": [{"label": s, "level": "INTERMEDIATE"} for s in skills], "education": edu, "experienceYears": exp,
            "salaryExpectation": {"min": sal, "currency": c[4], "period": "MONTH"}, "employmentTypes": list(types),
            "languages": ["zh"] if c[4] == "CNY" else ["en"], "keyGroups": groups, "accommodationNeeds": list(needs),
            "consent": {"keyGroups": bool(groups or needs), "shareWithPartners": True},
            "notifications": {"channels": ["STREAM", "INBOX"], "quietHours": None, "maxPerDay": 50,
                              "digest": {"mode": "NONE", "at": None, "zone": None}, "minScore": 0.0}}
seekers = [
    seeker("Li Wei 李伟", "Chengdu", ["Java", "SQL", "Git", "Linux"], ["2512"], "BACHELOR", 0, ["COLLEGE_GRADUATE"], 8000, types=("FULL_TIME", "INTERNSHIP")),
    seeker("Wang Fang 王芳", "Chengdu", ["Elderly care", "First aid"], ["5322"], "SECONDARY", 3, ["EMPLOYMENT_DIFFICULTY"], 5000),
    seeker("Zhang Qiang 张强", "Chengdu", ["Welding", "Safety regulations"], ["7212"], "SECONDARY", 4, ["MIGRANT_WORKER"], 6500),
    seeker("Chen Jing 陈静", "Wuhan", ["Customer service", "Communication", "Computer literacy"], ["4222"], "SECONDARY", 1, ["DISABLED"], 4500, needs=("ASSISTIVE_TECH",)),
    seeker("Liu Yang 刘洋", "Shenzhen", ["JavaScript", "HTML", "React", "CSS"], ["2513"], "BACHELOR", 2, [], 12000),
    seeker("Zhao Min 赵敏", "Kunming", ["Agriculture", "Irrigation"], ["3142"], "VOCATIONAL", 2, ["POVERTY_ALLEVIATED"], 4500),
    seeker("Sun Hao 孙浩", "Beijing", ["Driving", "Logistics"], ["8332"], "SECONDARY", 5, ["UNEMPLOYED"], 7000),
    seeker("Amara Okafor", "London", ["Nursing", "Patient care", "First aid"], ["2221"], "VOCATIONAL", 3, [], 2200),
    seeker("Tom Hughes", "Manchester", ["Electrical wiring", "Solar panel installation"], ["7411"], "VOCATIONAL", 2, ["UNEMPLOYED"], 2000),
    seeker("Wanjiru Kamau", "Nairobi", ["Python", "SQL", "Statistics"], ["2511"], "BACHELOR", 1, ["COLLEGE_GRADUATE"], 90000),
]
json.dump([clean(s) for s in seekers], open("seekers.json", "w"), ensure_ascii=False, indent=1)
print(len(postings), len(seekers))
