import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
# The words as a veto only: a TF-IDF logistic regression of the words, trained on the articles
# where some rule of the news topic holds (its positives against the near misses), may lower the
# features' log-odds, never raise them: final = features' logit + B * min(0, words' logit).
#   HARD_COST=2 GLOBAL_IDF=1 tools/topic-experiments/run.sh text_veto.py 1 10   (B, C of the words)
import sys
from sklearn.feature_extraction.text import TfidfVectorizer
texts=[l.split('\t',1)[1] for l in open(D+'text.tsv').read().split('\n') if l]
B=float(sys.argv[1]); Ct=float(sys.argv[2])
vec=lambda: TfidfVectorizer(sublinear_tf=True,ngram_range=(1,2),min_df=2,stop_words='english')
ALL=vec().fit(texts) if os.environ.get('GLOBAL_IDF') else None
class Veto:
    def __init__(s,c,rules): s.c=c; s.rules=rules
    def fit(s,X,y,sample_weight=None):
        idx=X[:,0].astype(int); F=X[:,1:]
        s.lr=LogisticRegression(C=s.c,class_weight='balanced',max_iter=2000).fit(F,y,sample_weight=sample_weight)
        near=(F[:,s.rules]>0)|y
        if B>0 and y[near].any() and (~y[near]).any():
            s.v=ALL if ALL is not None else vec().fit([texts[i] for i in idx[near]])
            s.t=LogisticRegression(C=Ct,class_weight='balanced',max_iter=2000).fit(
                s.v.transform([texts[i] for i in idx[near]]),y[near],sample_weight=sample_weight[near])
        else: s.t=None
        return s
    def predict_proba(s,X):
        idx=X[:,0].astype(int); z=s.lr.decision_function(X[:,1:])
        if s.t is not None:
            z=z+B*np.minimum(0,s.t.decision_function(s.v.transform([texts[i] for i in idx])))
        p=1/(1+np.exp(-z)); return np.stack([1-p,p],1)
feats=lambda t: np.hstack([np.arange(N)[:,None],data[t][3]])
rules={t:data[t][0].index('rules') for t in TOP}
cur={}
def make(c): return Veto(c,rules[cur['t']])
def ev(parts=range(5)):
    res=[]
    for p in parts:
        taken=np.zeros(N,bool); f1s={}
        for t in TOP:
            cur['t']=t; X=feats(t); y=Y[t]; req=data[t][2]; pred=np.zeros(N,bool)
            for f in range(5):
                train=np.where(folds[p]!=f)[0]; test=np.where(folds[p]==f)[0]
                m,th=run(make,t,X,train,[.3,1,3,10])
                pred[test]=req[test]&(m.predict_proba(X[test])[:,1]>=th)
            tp=(pred&y&dev).sum(); fp=(pred&~y&dev).sum(); fn=(~pred&y&dev).sum()
            f1s[t]=2*tp/(2*tp+fp+fn); taken|=pred&hard
        res.append((f1s['airspace-deal'],f1s['joint-strikes'],np.mean(list(f1s.values())),taken.sum()))
        print(p,np.round(res[-1],3),flush=True)
    return np.array(res).mean(0)
print(B,Ct,np.round(ev(),3),flush=True)
